namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>Runtime figures only the board can read (optional seam; reported in BOOT and HEARTBEAT).</summary>
    public interface ISystemStatus
    {
        /// <summary>Free managed heap in bytes (nanoFramework.Runtime.Native.GC.Run on the ESP32).</summary>
        uint FreeHeapBytes { get; }

        /// <summary>Why the board last reset (power-on, watchdog, deep-sleep wake, …), for the BOOT event.</summary>
        string ResetCause { get; }
    }
}
