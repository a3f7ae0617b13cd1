namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Statistics settings (configuration section <c>Statistics</c>).</summary>
internal sealed class StatisticsOptions
{
    public const string Section = "Statistics";

    /// <summary>A silence between two events of a cabinet longer than this counts as offline (heartbeats are far more frequent).</summary>
    public TimeSpan OfflineGap { get; set; } = TimeSpan.FromMinutes(15);
}
