// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.Hardware.Esp32 1.6.37, nanoframework/nanoFramework.Hardware.Esp32 nanoFramework.Hardware.Esp32/DeviceTypePins.cs (I2C 0x20000 and SERIAL 0x30000, + index * 0x100 + function)
namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction
    {
        I2C1_DATA = 0x20100,
        I2C1_CLOCK = 0x20101,
        COM2_TX = 0x30200,
        COM2_RX = 0x30201,
    }
}
