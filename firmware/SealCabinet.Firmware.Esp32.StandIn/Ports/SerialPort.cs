// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.IO.Ports 1.1.132, nanoframework/System.IO.Ports System.IO.Ports/SerialPort.cs
namespace System.IO.Ports
{
    public sealed class SerialPort
    {
        public SerialPort(string portName, int baudRate, Parity parity, int dataBits, StopBits stopBits)
        {
            throw new NotSupportedException();
        }

        public int ReadTimeout
        {
            set { throw new NotSupportedException(); }
        }

        public void Open()
        {
            throw new NotSupportedException();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            throw new NotSupportedException();
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            throw new NotSupportedException();
        }
    }
}
