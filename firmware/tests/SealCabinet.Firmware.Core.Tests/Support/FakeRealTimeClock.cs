using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Core.Tests.Support;

/// <summary>A battery-backed clock the test sets and reads: it holds what was last written (or set) until changed.</summary>
public sealed class FakeRealTimeClock : IRealTimeClock
{
    /// <summary>The time it reports, Unix ms.</summary>
    public long NowMs { get; set; }

    /// <summary>When set, it does not answer (or lost its time).</summary>
    public bool Broken { get; set; }

    /// <summary>How often the firmware set it.</summary>
    public int Writes { get; private set; }

    public bool TryRead(out long unixMs)
    {
        unixMs = NowMs;
        return !Broken;
    }

    public void Write(long unixMs)
    {
        NowMs = unixMs;
        Writes++;
    }
}
