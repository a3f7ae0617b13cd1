using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Mqtt;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Grants;

/// <summary>
/// When a cabinet's secret is rotated, its live grants — issued or delivered, not yet taken by the cabinet — are signed
/// again under the new grant key (same bytes, same counter, a new MAC) and queued for publishing again, and their copies
/// MAC'd under the old key still waiting in the outbox are dropped: a re-provisioned cabinet refuses the old MAC, so the
/// grants would otherwise be lost; and nothing signed under a retired key is served any more. A grant the cabinet already
/// accepted stays as it is (the cabinet holds it).
/// </summary>
internal sealed class GrantRekeying(CloudDbContext db, IGrantEncoder encoder)
{
    public async Task<int> ResignAsync(string deviceId, byte[] grantKey, DateTimeOffset now, CancellationToken ct)
    {
        var live = await db.Grants.Where(g => g.DeviceId == deviceId && (g.State == GrantState.Issued || g.State == GrantState.Delivered)).ToListAsync(ct);
        var ids = live.Select(g => (Guid?)g.Id).ToList();
        await db.Outbox.Where(o => ids.Contains(o.GrantId) && o.PublishedAt == null).ExecuteDeleteAsync(ct);
        foreach (var grant in live)
        {
            grant.Mac = DeviceKeys.Mac(grantKey, grant.Payload);
            db.Outbox.Add(new OutboxMessage
            {
                Topic = MqttTopics.Grants(deviceId),
                Payload = encoder.Envelope(grant.Payload, grant.Mac),
                GrantId = grant.Id,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        return live.Count;
    }
}
