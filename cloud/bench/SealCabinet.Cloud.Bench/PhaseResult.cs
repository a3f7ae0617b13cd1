namespace SealCabinet.Cloud.Bench;

/// <summary>What one load phase achieved.</summary>
internal sealed record PhaseResult(string Name, long Events, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{Name,-28} {Events,9} events in {Elapsed.TotalSeconds,6:F1} s = {EventsPerSecond,9:F0} /s   p50 {P50Ms,7:F1} ms   p99 {P99Ms,7:F1} ms";
}
