using System.Threading;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Clock
{
    /// <summary>Host-only monotonic clock that moves only when told (tests and stepped simulation).</summary>
    public sealed class ManualClock : IMonotonicClock
    {
        private long _uptimeMs;

        /// <summary>Starts at <paramref name="startMs"/>.</summary>
        /// <param name="startMs">Initial uptime.</param>
        public ManualClock(long startMs = 0)
        {
            _uptimeMs = startMs;
        }

        /// <inheritdoc />
        public long UptimeMs => Interlocked.Read(ref _uptimeMs);

        /// <summary>Moves the clock forward.</summary>
        /// <param name="ms">Milliseconds (not negative).</param>
        public void Advance(long ms)
        {
            if (ms < 0)
            {
                throw new System.ArgumentOutOfRangeException(nameof(ms), "a monotonic clock never goes back");
            }

            Interlocked.Add(ref _uptimeMs, ms);
        }
    }
}
