using System.Diagnostics;

namespace SealCabinet.HardwareSim.Clock;

/// <summary>Simulation time that follows the machine's monotonic clock (interactive runs, fleets, end-to-end tests).</summary>
public sealed class RealTime : ISimulationTime
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    /// <inheritdoc />
    public long NowMs => _stopwatch.ElapsedMilliseconds;
}
