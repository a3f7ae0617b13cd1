using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Grants;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>
/// Moves an approved request to GRANT_DELIVERED when its grant reaches the cabinet by the poll, and tells the
/// custodian, in the transaction that marks the grant delivered.
/// </summary>
internal sealed class RequestDeliveryListener(NotificationWriter notifications) : IGrantDeliveryListener
{
    public async Task DeliveredAsync(CloudDbContext db, IReadOnlyList<Grant> grants, string deviceId, DateTimeOffset now, CancellationToken ct)
    {
        var requestIds = grants.Select(g => g.RequestId).ToList();
        var requests = await db.Requests.Where(r => requestIds.Contains(r.Id)).ToListAsync(ct);
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
                NotificationKind.GrantDelivered, request.VillageId, townId, request.Id, deviceId,
                [Audience.Person(request.CustodianId)], "用印授权已送达印章柜",
                $"{request.ApplicantName} 的用印申请（{request.MatterCode}）的授权已送达印章柜，可以盖章", now), ct);
        }
    }
}
