// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Device.I2c 1.1.29, nanoframework/System.Device.I2c System.Device.I2c/I2cTransferStatus.cs (tag v1.1.29; members in order UnknownError, FullTransfer, ClockStretchTimeout, PartialTransfer, SlaveAddressNotAcknowledged)
namespace System.Device.I2c
{
    public enum I2cTransferStatus
    {
        FullTransfer = 1,
    }
}
