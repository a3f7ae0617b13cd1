// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Security.Cryptography 1.0.38, nanoframework/System.Security.Cryptography System.Security.Cryptography/HMACSHA256.cs (native Mbed TLS)
namespace System.Security.Cryptography
{
    public class HMACSHA256
    {
        private HMACSHA256()
        {
        }

        public static byte[] HashData(byte[] key, byte[] source)
        {
            throw new NotSupportedException();
        }
    }
}
