using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Tells supervisors about a new anomaly: an ANOMALY notification written inside the transaction that raised it.</summary>
internal sealed class SupervisorNotifier(CloudDbContext db, NotificationWriter writer, ILogger<SupervisorNotifier> logger)
{
    public async Task NotifyAsync(Anomaly anomaly, CancellationToken ct)
    {
        var townId = await db.Villages.Where(v => v.Id == anomaly.VillageId).Select(v => v.TownId).SingleOrDefaultAsync(ct);
        await writer.WriteAsync(db, new NotificationDraft(
            NotificationKind.Anomaly,
            anomaly.VillageId.Length == 0 ? null : anomaly.VillageId,
            townId,
            anomaly.RequestId,
            anomaly.DeviceId,
            [Audience.Supervisors],
            "异常: " + anomaly.Rule,
            anomaly.Summary,
            anomaly.DetectedAt), ct);
        logger.LogWarning(
            "Anomaly {Rule} in village {VillageId}: {Summary} (anomaly {AnomalyId}, ledger entry {LedgerIndex})",
            anomaly.Rule, anomaly.VillageId, anomaly.Summary, anomaly.Id, anomaly.LedgerIndex);
    }
}
