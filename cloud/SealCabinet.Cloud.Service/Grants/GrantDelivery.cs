using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Grants;

/// <summary>
/// Serves a device its live grants (the poll fallback next to MQTT) and records that they reached it.
/// </summary>
internal sealed class GrantDelivery(CloudDbContext db, IGrantDeliveryListener listener, TimeProvider clock)
{
    public async Task<IReadOnlyList<Grant>> FetchLiveAsync(string deviceId, long afterCounter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var grants = await db.Grants
            .Where(g => g.DeviceId == deviceId && g.Counter > afterCounter && g.ExpiresAt > now
                && (g.State == GrantState.Issued || g.State == GrantState.Delivered))
            .OrderBy(g => g.Counter)
            .ToListAsync(ct);
        var newlyDelivered = grants.Where(g => g.State == GrantState.Issued).ToList();
        if (newlyDelivered.Count > 0)
        {
            foreach (var grant in newlyDelivered)
            {
                grant.State = GrantState.Delivered;
                grant.StateChangedAt = now;
            }

            await listener.DeliveredAsync(db, newlyDelivered, deviceId, now, ct);
        }

        await tx.CommitAsync(ct);
        return grants;
    }
}
