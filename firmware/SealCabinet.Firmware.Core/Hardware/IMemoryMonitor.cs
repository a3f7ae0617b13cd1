namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// Free-memory figures for the BOOT and HEARTBEAT events (<c>DeviceEvent.free_heap_bytes</c>). The ESP32 board
    /// layer reads nanoFramework's managed heap after a collection; the simulator reports a fixed figure.
    /// </summary>
    public interface IMemoryMonitor
    {
        /// <summary>Free managed heap in bytes, measured now.</summary>
        /// <returns>The free bytes (saturated to <see cref="uint.MaxValue"/>).</returns>
        uint FreeHeapBytes();
    }
}
