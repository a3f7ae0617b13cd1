// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.IO.Streams 1.1.96 (assembly System.IO.Streams), System.IO.Stream (Read/Write/Flush are abstract upstream; call sites are identical)
namespace System.IO
{
    public class Stream
    {
        private protected Stream()
        {
        }

        public virtual int Read(byte[] buffer, int offset, int count)
        {
            throw new NotSupportedException();
        }

        public virtual void Write(byte[] buffer, int offset, int count)
        {
            throw new NotSupportedException();
        }

        public virtual void Flush()
        {
            throw new NotSupportedException();
        }

        public void Dispose()
        {
            throw new NotSupportedException();
        }
    }
}
