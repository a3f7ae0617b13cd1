using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Clock;

/// <summary>
/// A board's monotonic clock: milliseconds since this boot, counted on another monotonic clock that keeps running
/// across power cuts (the simulated world's <see cref="ManualClock"/> or <see cref="SystemMonotonicClock"/>), so the
/// firmware's uptime restarts at 0 at every boot.
/// </summary>
public sealed class UptimeClock : IMonotonicClock
{
    private readonly IMonotonicClock _world;
    private readonly long _bootAt;

    /// <summary>Starts counting now, at the current reading of <paramref name="world"/>.</summary>
    /// <param name="world">The clock that outlives the boot.</param>
    public UptimeClock(IMonotonicClock world)
    {
        _world = world;
        _bootAt = world.UptimeMs;
    }

    /// <inheritdoc />
    public long UptimeMs => _world.UptimeMs - _bootAt;
}
