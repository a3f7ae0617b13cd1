// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.Networking.Sntp 1.6.42, nanoframework/nanoFramework.Networking.Sntp nanoFramework.Networking.Sntp/Sntp.cs
namespace nanoFramework.Networking
{
    public static class Sntp
    {
        public static void Start()
        {
            throw new System.NotSupportedException();
        }
    }
}
