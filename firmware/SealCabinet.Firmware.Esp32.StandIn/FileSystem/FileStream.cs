// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.IO.FileSystem 1.1.87, System.IO.FileSystem/FileStream.cs
namespace System.IO
{
    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode)
        {
            throw new NotSupportedException();
        }
    }
}
