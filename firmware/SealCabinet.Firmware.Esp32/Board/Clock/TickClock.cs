using System;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Esp32.Board.Clock
{
    /// <summary>Milliseconds since boot from the runtime's tick counter; unaffected by SNTP setting the wall clock.</summary>
    public sealed class TickClock : IMonotonicClock
    {
        /// <inheritdoc />
        public long UptimeMs
        {
            get { return Environment.TickCount64; }
        }
    }
}
