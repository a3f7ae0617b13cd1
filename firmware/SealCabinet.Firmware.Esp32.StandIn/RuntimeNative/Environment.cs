// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.Runtime.Native 1.7.11, nanoframework/nanoFramework.Runtime.Native nanoFramework.Runtime.Native/System/Environment.cs
namespace System
{
    public static class Environment
    {
        public static long TickCount64
        {
            get { throw new NotSupportedException(); }
        }
    }
}
