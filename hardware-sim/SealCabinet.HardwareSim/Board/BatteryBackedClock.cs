using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.HardwareSim.Board;

/// <summary>
/// The board's battery-backed real-time clock (a DS3231 on the real board): it keeps running through power cuts, on
/// the world's time. A new one (or one whose battery went flat) knows no time until the firmware sets it.
/// </summary>
public sealed class BatteryBackedClock : IRealTimeClock
{
    private readonly IMonotonicClock _world;
    private readonly Lock _lock = new();
    private long _setTo = -1;
    private long _setAt;

    internal BatteryBackedClock(IMonotonicClock world) => _world = world;

    /// <summary>Whether the battery is flat (the clock then reads nothing until set again).</summary>
    public bool BatteryFlat { get; set; }

    /// <inheritdoc />
    public bool TryRead(out long unixMs)
    {
        lock (_lock)
        {
            unixMs = _setTo < 0 ? 0 : _setTo + (_world.UptimeMs - _setAt);
            return _setTo >= 0 && !BatteryFlat;
        }
    }

    /// <inheritdoc />
    public void Write(long unixMs)
    {
        lock (_lock)
        {
            _setTo = unixMs;
            _setAt = _world.UptimeMs;
            BatteryFlat = false;
        }
    }

    /// <summary>Winds the clock by <paramref name="milliseconds"/> (negative: back), as somebody with the enclosure open could.</summary>
    /// <param name="milliseconds">How far.</param>
    public void Wind(long milliseconds)
    {
        lock (_lock)
        {
            _setTo += milliseconds;
        }
    }
}
