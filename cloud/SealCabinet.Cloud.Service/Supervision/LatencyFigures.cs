namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Count, mean, median and 90th percentile of a latency, in seconds (0 when there are no samples).</summary>
internal sealed record LatencyFigures(long Count, double Average, double Median, double P90);
