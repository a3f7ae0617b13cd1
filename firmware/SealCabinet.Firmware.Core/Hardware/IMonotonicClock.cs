namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// Milliseconds since boot from a clock that never jumps (not the wall clock). Everything time-based in
    /// the core is driven by it, so tests and the simulator step the firmware deterministically.
    /// </summary>
    public interface IMonotonicClock
    {
        /// <summary>Milliseconds since this boot; never decreases.</summary>
        long UptimeMs { get; }
    }
}
