// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Device.Gpio 1.1.57, nanoframework/System.Device.Gpio System.Device.Gpio/PinMode.cs
namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input = 0,
        InputPullUp = 2,
        Output = 3,
    }
}
