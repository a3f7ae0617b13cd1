// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Device.Gpio 1.1.57, nanoframework/System.Device.Gpio System.Device.Gpio/GpioPin.cs
namespace System.Device.Gpio
{
    public sealed class GpioPin
    {
        private GpioPin()
        {
        }

        public event PinValueChangedEventHandler ValueChanged
        {
            add { throw new NotSupportedException(); }
            remove { throw new NotSupportedException(); }
        }

        public PinValue Read()
        {
            throw new NotSupportedException();
        }

        public void Write(PinValue value)
        {
            throw new NotSupportedException();
        }
    }
}
