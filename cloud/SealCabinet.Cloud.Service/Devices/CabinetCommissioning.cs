using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Ingestion;
using SealCabinet.Cloud.Service.Persistence;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Devices;

/// <summary>
/// The commissioning fields of one cabinet (last self-test, refused calls, untrusted-clock refusals), read from
/// what ingestion stored: `sealctl provision` reports and diagnoses a new cabinet from them.
/// </summary>
internal static class CabinetCommissioning
{
    private const int SelfTest = (int)Wire.EventType.SelfTest;
    private const int GrantAccepted = (int)Wire.EventType.GrantAccepted;
    private const int GrantRefused = (int)Wire.EventType.GrantRefused;
    private const int NoTrustedTime = (int)Wire.GrantRefusalReason.NoTrustedTime;

    private static readonly string[] Rejections =
    [
        SecurityEventKinds.BadMac, SecurityEventKinds.ChainBroken, SecurityEventKinds.SequenceGap, SecurityEventKinds.Malformed,
        SecurityEventKinds.WrongDevice, SecurityEventKinds.WrongChainEpoch, SecurityEventKinds.UnauthorizedChainRestart,
        SecurityEventKinds.DecommissionedDevice,
    ];

    public static async Task FillAsync(CloudDbContext db, Wire.Cabinet cabinet, CancellationToken ct)
    {
        var deviceId = cabinet.DeviceId;
        var selfTest = await db.DeviceEvents.AsNoTracking()
            .Where(e => e.DeviceId == deviceId && e.EventType == SelfTest && e.Sleeve == 0)
            .OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.ChainEpoch).ThenByDescending(e => e.Seq)
            .Select(e => new { e.Detail, e.ReceivedAt })
            .FirstOrDefaultAsync(ct);
        if (selfTest is not null)
        {
            cabinet.LastSelfTest = selfTest.Detail;
            cabinet.LastSelfTestTime = Timestamp.FromDateTimeOffset(selfTest.ReceivedAt);
        }

        // Refusals count since the cabinet's last accepted event: an old bad MAC is no diagnosis any more.
        var since = cabinet.LastEventTime?.ToDateTimeOffset() ?? DateTimeOffset.MinValue;
        var refusals = await db.SecurityEvents.AsNoTracking()
            .Where(s => s.DeviceId == deviceId && s.OccurredAt > since && (Rejections.Contains(s.Kind) || s.Kind == SecurityEventKinds.MqttBadPassword))
            .OrderByDescending(s => s.OccurredAt)
            .Select(s => s.Kind)
            .ToListAsync(ct);
        cabinet.AuthFailures = refusals.Count(k => k is SecurityEventKinds.BadMac or SecurityEventKinds.MqttBadPassword);

        // A refused MQTT login is no rejection of events (last_rejection names a RejectionReason).
        var rejections = refusals.Where(k => k != SecurityEventKinds.MqttBadPassword).ToList();
        cabinet.LastRejection = rejections.Count == 0 ? "" : rejections[0].ToUpperInvariant().Replace('-', '_');

        var lastAccepted = await db.DeviceEvents.AsNoTracking()
            .Where(e => e.DeviceId == deviceId && e.EventType == GrantAccepted)
            .MaxAsync(e => (DateTimeOffset?)e.ReceivedAt, ct) ?? DateTimeOffset.MinValue;
        cabinet.NoTrustedTimeRefusals = await db.DeviceEvents.AsNoTracking()
            .CountAsync(e => e.DeviceId == deviceId && e.EventType == GrantRefused && e.RefusalReason == NoTrustedTime && e.ReceivedAt > lastAccepted, ct);
    }
}
