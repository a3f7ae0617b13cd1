namespace SealCabinet.HardwareSim.Board;

/// <summary>Mechanical timings of the simulated board.</summary>
public sealed class BoardTimings
{
    /// <summary>Time for the latch bolt to move after the solenoid coil changes (a small push solenoid: tens of ms).</summary>
    public int LatchDelayMs { get; init; } = 60;

    /// <summary>Longest contact bounce after a press switch changes; must stay below the firmware's debounce (30 ms by default).</summary>
    public int BounceMs { get; init; } = 6;

    /// <summary>Seed of the bounce patterns (reproducible runs).</summary>
    public int BounceSeed { get; init; } = 7;
}
