using nanoFramework.Hardware.Esp32;
using SealCabinet.Firmware.Core.Hardware;
using NativeGc = nanoFramework.Runtime.Native.GC;

namespace SealCabinet.Firmware.Esp32.Board.Memory
{
    /// <summary>
    /// Runtime figures for the BOOT and HEARTBEAT events: the managed heap's free bytes after a
    /// non-compacting collection, and why the chip last started.
    /// </summary>
    public sealed class RuntimeSystemStatus : ISystemStatus
    {
        /// <inheritdoc />
        public uint FreeHeapBytes
        {
            get { return NativeGc.Run(false); }
        }

        /// <inheritdoc />
        public string ResetCause
        {
            get
            {
                // The ESP32 reports a wake-up cause only after deep sleep; every other start is a reset or power-on.
                Sleep.WakeupCause cause = Sleep.GetWakeupCause();
                return cause == Sleep.WakeupCause.Undefined ? "reset-or-power-on" : "deep-sleep-wake-" + ((int)cause).ToString();
            }
        }
    }
}
