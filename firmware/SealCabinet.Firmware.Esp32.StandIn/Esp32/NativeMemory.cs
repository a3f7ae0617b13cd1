// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.Hardware.Esp32 1.6.37, nanoframework/nanoFramework.Hardware.Esp32 nanoFramework.Hardware.Esp32/NativeMemory.cs
namespace nanoFramework.Hardware.Esp32
{
    public class NativeMemory
    {
        private NativeMemory()
        {
        }

        public enum MemoryType
        {
            Internal = 1,
        }

        public static void GetMemoryInfo(MemoryType memType, out uint totalSize, out uint totalFreeSize, out uint largestFreeBlock)
        {
            throw new System.NotSupportedException();
        }
    }
}
