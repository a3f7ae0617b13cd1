// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.Runtime.Native 1.7.11, nanoframework/nanoFramework.Runtime.Native nanoFramework.Runtime.Native/Power.cs
namespace nanoFramework.Runtime.Native
{
    public class Power
    {
        private Power()
        {
        }

        public static void RebootDevice()
        {
            throw new System.NotSupportedException();
        }
    }
}
