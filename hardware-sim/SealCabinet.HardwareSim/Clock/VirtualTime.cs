namespace SealCabinet.HardwareSim.Clock;

/// <summary>
/// Simulation time that moves only when told to (<see cref="SealCabinet.HardwareSim.Cabinet.SimulatedCabinet.Advance"/>),
/// so board behaviour such as contact bounce and latch delay is reproduced to the millisecond.
/// </summary>
public sealed class VirtualTime : ISimulationTime
{
    private long _now;

    /// <inheritdoc />
    public long NowMs => Interlocked.Read(ref _now);

    /// <summary>Moves time forward.</summary>
    /// <param name="milliseconds">How far; must not be negative.</param>
    public void Advance(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        Interlocked.Add(ref _now, milliseconds);
    }
}
