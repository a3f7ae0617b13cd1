using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.HardwareSim.Clock;

/// <summary>The board's monotonic clock: milliseconds since this boot, derived from the simulation time.</summary>
public sealed class DeviceClock : IMonotonicClock
{
    private readonly ISimulationTime _time;
    private readonly long _bootAt;

    /// <summary>Starts counting at <paramref name="bootAt"/> (simulation ms).</summary>
    /// <param name="time">The world's time.</param>
    /// <param name="bootAt">When the board powered up.</param>
    public DeviceClock(ISimulationTime time, long bootAt)
    {
        _time = time;
        _bootAt = bootAt;
    }

    /// <inheritdoc />
    public long UptimeMs => _time.NowMs - _bootAt;
}
