using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>
/// Tells supervisors about a new anomaly, inside the transaction that raised it. The notification store of the
/// device-ingestion work is not part of this branch yet, so for now the anomaly row itself (listed by
/// ListAnomalies) and a warning in the log are the notification; this is the one place to connect it.
/// </summary>
internal sealed class SupervisorNotifier(ILogger<SupervisorNotifier> logger)
{
    public Task NotifyAsync(Anomaly anomaly, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        logger.LogWarning(
            "Anomaly {Rule} in village {VillageId}: {Summary} (anomaly {AnomalyId}, ledger entry {LedgerIndex})",
            anomaly.Rule, anomaly.VillageId, anomaly.Summary, anomaly.Id, anomaly.LedgerIndex);
        return Task.CompletedTask;
    }
}
