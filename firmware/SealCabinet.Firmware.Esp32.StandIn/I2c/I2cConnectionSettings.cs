// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Device.I2c 1.1.29, nanoframework/System.Device.I2c System.Device.I2c/I2cConnectionSettings.cs (tag v1.1.29)
namespace System.Device.I2c
{
    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed)
        {
            throw new NotSupportedException();
        }
    }
}
