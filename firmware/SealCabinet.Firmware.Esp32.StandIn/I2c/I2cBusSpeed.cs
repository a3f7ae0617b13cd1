// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Device.I2c 1.1.29, nanoframework/System.Device.I2c System.Device.I2c/I2cBusSpeed.cs (tag v1.1.29; StandardMode is the first member, 100 kHz)
namespace System.Device.I2c
{
    public enum I2cBusSpeed
    {
        StandardMode = 0,
    }
}
