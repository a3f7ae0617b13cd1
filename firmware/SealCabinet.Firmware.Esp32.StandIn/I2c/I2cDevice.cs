// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Device.I2c 1.1.29, nanoframework/System.Device.I2c System.Device.I2c/I2cDevice.cs (tag v1.1.29)
namespace System.Device.I2c
{
    public class I2cDevice
    {
        public I2cDevice(I2cConnectionSettings settings)
        {
            throw new NotSupportedException();
        }

        public I2cTransferResult Read(SpanByte buffer)
        {
            throw new NotSupportedException();
        }

        public I2cTransferResult Write(SpanByte buffer)
        {
            throw new NotSupportedException();
        }

        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer)
        {
            throw new NotSupportedException();
        }
    }
}
