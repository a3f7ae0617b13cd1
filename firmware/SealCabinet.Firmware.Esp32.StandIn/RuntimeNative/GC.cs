// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.Runtime.Native 1.7.11, nanoframework/nanoFramework.Runtime.Native nanoFramework.Runtime.Native/GC.cs
namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        public static uint Run(bool compactHeap)
        {
            throw new System.NotSupportedException();
        }
    }
}
