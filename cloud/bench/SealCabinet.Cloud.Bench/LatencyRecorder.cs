namespace SealCabinet.Cloud.Bench;

/// <summary>Ack latencies of one phase (milliseconds), collected per worker and merged at the end.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _all = [];

    public void Add(IEnumerable<double> latencies)
    {
        lock (_all)
        {
            _all.AddRange(latencies);
        }
    }

    public double Percentile(double p)
    {
        lock (_all)
        {
            if (_all.Count == 0)
            {
                return 0;
            }

            var sorted = _all.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }
}
