using System.Device.Gpio;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Esp32.Board.Gpio
{
    /// <summary>A push-pull GPIO output (solenoid gate, camera trigger, LED, buzzer); high energises.</summary>
    public sealed class GpioOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;

        /// <summary>Opens the pin as an output and drives it low before anything else can happen.</summary>
        /// <param name="controller">The GPIO controller.</param>
        /// <param name="pinNumber">GPIO number.</param>
        public GpioOutput(GpioController controller, int pinNumber)
        {
            _pin = controller.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(false);
        }

        /// <inheritdoc />
        public void Write(bool on)
        {
            _pin.Write(on);
        }
    }
}
