// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.IO.FileSystem 1.1.87, nanoframework/System.IO.FileSystem System.IO.FileSystem/File.cs
namespace System.IO
{
    public static class File
    {
        public static bool Exists(string path)
        {
            throw new NotSupportedException();
        }

        public static byte[] ReadAllBytes(string path)
        {
            throw new NotSupportedException();
        }

        public static void Delete(string path)
        {
            throw new NotSupportedException();
        }

        public static void Move(string sourceFileName, string destFileName)
        {
            throw new NotSupportedException();
        }
    }
}
