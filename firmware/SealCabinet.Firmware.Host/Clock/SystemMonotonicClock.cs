using System.Diagnostics;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Clock
{
    /// <summary>Host-only monotonic clock on <see cref="Stopwatch"/>, starting at 0 when created ("boot").</summary>
    public sealed class SystemMonotonicClock : IMonotonicClock
    {
        private readonly long _start = Stopwatch.GetTimestamp();

        /// <inheritdoc />
        public long UptimeMs => (long)Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
    }
}
