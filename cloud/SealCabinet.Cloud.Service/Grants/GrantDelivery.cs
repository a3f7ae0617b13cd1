using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Notifications;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Requests;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Grants;

/// <summary>
/// Serves a device its live grants (the poll fallback next to MQTT) and records that they reached it.
/// </summary>
internal sealed class GrantDelivery(CloudDbContext db, NotificationWriter notifications, TimeProvider clock)
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
            var requestIds = newlyDelivered.Select(g => g.RequestId).ToList();
            var requests = await db.Requests.Where(r => requestIds.Contains(r.Id)).ToListAsync(ct);
            foreach (var grant in newlyDelivered)
            {
                grant.State = GrantState.Delivered;
                grant.StateChangedAt = now;
            }

            var delivered = requests.Where(r => r.State == RequestState.Approved).ToList();
            foreach (var request in delivered)
            {
                RequestStateMachine.Move(request, RequestState.GrantDelivered, now);
            }

            await db.SaveChangesAsync(ct);
            foreach (var request in delivered)
            {
                var townId = await db.Villages.Where(v => v.Id == request.VillageId).Select(v => v.TownId).SingleAsync(ct);
                await notifications.WriteAsync(db, new NotificationDraft(
                    Wire.NotificationKind.GrantDelivered, request.VillageId, townId, request.Id, deviceId,
                    [Audience.Person(request.CustodianId)], "用印授权已送达印章柜",
                    $"{request.ApplicantName} 的用印申请（{request.MatterCode}）的授权已送达印章柜，可以盖章", now), ct);
            }
        }

        await tx.CommitAsync(ct);
        return grants;
    }
}
