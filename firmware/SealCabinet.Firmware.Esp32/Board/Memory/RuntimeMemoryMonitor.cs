using nanoFramework.Hardware.Esp32;
using SealCabinet.Firmware.Core.Hardware;
using NativeGc = nanoFramework.Runtime.Native.GC;

namespace SealCabinet.Firmware.Esp32.Board.Memory
{
    /// <summary>
    /// Memory figures: the managed heap's free bytes after a non-compacting collection (what the heartbeat
    /// reports) and the ESP32's free internal RAM (TLS buffers and Wi-Fi live there, outside the managed heap).
    /// </summary>
    public sealed class RuntimeMemoryMonitor : IMemoryMonitor
    {
        /// <inheritdoc />
        public uint FreeHeapBytes()
        {
            return NativeGc.Run(false);
        }

        /// <summary>Free internal (non-PSRAM) native RAM in bytes.</summary>
        /// <returns>The free bytes.</returns>
        public uint FreeInternalRamBytes()
        {
            uint total;
            uint free;
            uint largest;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out free, out largest);
            return free;
        }
    }
}
