using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;

namespace SealCabinet.Cloud.Service.Devices;

/// <summary>
/// The commissioning fields of one cabinet (last self-test, refused calls, untrusted-clock refusals), read from
/// what ingestion stored: `sealctl provision` reports and diagnoses a new cabinet from them.
/// </summary>
internal static class CabinetCommissioning
{
    private static readonly string[] Rejections =
    [
        SecurityEventKinds.BadMac, SecurityEventKinds.ChainBroken, SecurityEventKinds.SequenceGap, SecurityEventKinds.Malformed,
        SecurityEventKinds.WrongDevice, SecurityEventKinds.WrongChainEpoch, SecurityEventKinds.UnauthorizedChainRestart,
        SecurityEventKinds.DecommissionedDevice,
    ];

    public static async Task<CommissioningReport> ReadAsync(CloudDbContext db, string deviceId, DateTimeOffset? lastEventAt, CancellationToken ct)
    {
        var selfTest = await db.DeviceEvents.AsNoTracking()
            .Where(e => e.DeviceId == deviceId && e.EventType == DeviceEventCodes.SelfTest && e.Sleeve == 0)
            .OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.ChainEpoch).ThenByDescending(e => e.Seq)
            .Select(e => new { e.Detail, e.ReceivedAt })
            .FirstOrDefaultAsync(ct);

        // Refusals count since the cabinet's last accepted event: an old bad MAC is no diagnosis any more.
        var since = lastEventAt ?? DateTimeOffset.MinValue;
        var refusals = await db.SecurityEvents.AsNoTracking()
            .Where(s => s.DeviceId == deviceId && s.OccurredAt > since && (Rejections.Contains(s.Kind) || s.Kind == SecurityEventKinds.MqttBadPassword))
            .OrderByDescending(s => s.OccurredAt)
            .Select(s => s.Kind)
            .ToListAsync(ct);
        var authFailures = refusals.Count(k => k is SecurityEventKinds.BadMac or SecurityEventKinds.MqttBadPassword);

        // A refused MQTT login is no rejection of events (last_rejection names a RejectionReason).
        var rejections = refusals.Where(k => k != SecurityEventKinds.MqttBadPassword).ToList();
        var lastRejection = rejections.Count == 0 ? "" : rejections[0].ToUpperInvariant().Replace('-', '_');

        var lastAccepted = await db.DeviceEvents.AsNoTracking()
            .Where(e => e.DeviceId == deviceId && e.EventType == DeviceEventCodes.GrantAccepted)
            .MaxAsync(e => (DateTimeOffset?)e.ReceivedAt, ct) ?? DateTimeOffset.MinValue;
        var noTrustedTime = await db.DeviceEvents.AsNoTracking()
            .CountAsync(e => e.DeviceId == deviceId && e.EventType == DeviceEventCodes.GrantRefused
                && e.RefusalReason == GrantRefusalCodes.NoTrustedTime && e.ReceivedAt > lastAccepted, ct);
        return new CommissioningReport(selfTest?.Detail, selfTest?.ReceivedAt, authFailures, lastRejection, noTrustedTime);
    }
}
