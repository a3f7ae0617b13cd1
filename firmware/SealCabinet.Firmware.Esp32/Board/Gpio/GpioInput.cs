using System;
using System.Device.Gpio;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Esp32.Board.Gpio
{
    /// <summary>
    /// A debounced GPIO input. The switches pull the pin to GND, so the electrical level is inverted when
    /// <c>activeLow</c> is set. Debounce runs natively (a FreeRTOS timer per pin on the ESP32), so the callback
    /// sees settled edges only; the level is re-read in the callback because the edge type alone can be stale
    /// when two edges fall inside one debounce window.
    /// </summary>
    public sealed class GpioInput : IDigitalInput
    {
        private readonly GpioPin _pin;
        private readonly bool _activeLow;
        private InputChangedHandler? _handler;

        /// <summary>Opens the pin as an input with a native debounce.</summary>
        /// <param name="controller">The GPIO controller.</param>
        /// <param name="pinNumber">GPIO number.</param>
        /// <param name="internalPullUp">True to enable the internal pull-up (not available on GPIO 34-39).</param>
        /// <param name="activeLow">True when the switch closes to GND (logical true = low level).</param>
        /// <param name="debounceMs">Debounce interval in milliseconds.</param>
        public GpioInput(GpioController controller, int pinNumber, bool internalPullUp, bool activeLow, int debounceMs)
        {
            _activeLow = activeLow;
            _pin = controller.OpenPin(pinNumber, internalPullUp ? PinMode.InputPullUp : PinMode.Input);
            _pin.DebounceTimeout = TimeSpan.FromTicks(debounceMs * TimeSpan.TicksPerMillisecond);
            _pin.ValueChanged += OnValueChanged;
        }

        /// <inheritdoc />
        public bool Read()
        {
            return ((bool)_pin.Read()) != _activeLow;
        }

        /// <inheritdoc />
        public void SetChangedHandler(InputChangedHandler? handler)
        {
            _handler = handler;
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            InputChangedHandler? handler = _handler;
            if (handler != null)
            {
                handler(this, Read());
            }
        }
    }
}
