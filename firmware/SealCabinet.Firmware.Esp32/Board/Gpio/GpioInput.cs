using System.Device.Gpio;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Esp32.Board.Gpio
{
    /// <summary>
    /// A GPIO input that reports every edge. The switches pull the pin to GND, so the electrical level is inverted
    /// when <c>activeLow</c> is set. No native debounce is set: the core's Debouncer debounces every input from the
    /// timestamped edges with the provisioned press_debounce_ms; a native debounce in front of it would delay every
    /// edge and add a second, unconfigurable filter. The level is re-read in the callback because the edge type alone can be
    /// stale when the contact bounces faster than the callbacks run.
    /// </summary>
    public sealed class GpioInput : IDigitalInput
    {
        private readonly GpioPin _pin;
        private readonly bool _activeLow;
        private InputChangedHandler? _handler;

        /// <summary>Opens the pin as an input.</summary>
        /// <param name="controller">The GPIO controller.</param>
        /// <param name="pinNumber">GPIO number.</param>
        /// <param name="internalPullUp">True to enable the internal pull-up (not available on GPIO 34-39).</param>
        /// <param name="activeLow">True when the switch closes to GND (logical true = low level).</param>
        public GpioInput(GpioController controller, int pinNumber, bool internalPullUp, bool activeLow)
        {
            _activeLow = activeLow;
            _pin = controller.OpenPin(pinNumber, internalPullUp ? PinMode.InputPullUp : PinMode.Input);
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
