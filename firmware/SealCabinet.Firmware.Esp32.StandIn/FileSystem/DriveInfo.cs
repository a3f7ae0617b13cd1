// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.IO.FileSystem 1.1.87, System.IO.FileSystem/DriveInfo.cs (no free-space property upstream)
namespace System.IO
{
    public sealed class DriveInfo
    {
        public DriveInfo(string driveName)
        {
            throw new NotSupportedException();
        }

        public long TotalSize
        {
            get { throw new NotSupportedException(); }
        }
    }
}
