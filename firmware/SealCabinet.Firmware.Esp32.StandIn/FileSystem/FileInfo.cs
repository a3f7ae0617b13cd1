// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.IO.FileSystem 1.1.87, System.IO.FileSystem/FileInfo.cs
namespace System.IO
{
    public sealed class FileInfo
    {
        public FileInfo(string fileName)
        {
            throw new NotSupportedException();
        }

        public long Length
        {
            get { throw new NotSupportedException(); }
        }
    }
}
