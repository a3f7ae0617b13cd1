namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>The figures of one statistics report.</summary>
internal sealed record UsageStatistics(
    IReadOnlyList<(string Key, long Stampings, long Presses)> BySealKind,
    IReadOnlyList<(string Key, long Stampings, long Presses)> ByMatter,
    IReadOnlyList<(string Key, long Stampings, long Presses)> ByCustodian,
    IReadOnlyList<(string State, long Count)> ByOutcome,
    LatencyFigures SubmitToApprove,
    LatencyFigures ApproveToStamp,
    IReadOnlyList<(string DeviceId, double Ratio)> Uptime);
