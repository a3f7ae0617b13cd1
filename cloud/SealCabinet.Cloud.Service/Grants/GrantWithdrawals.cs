using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Mqtt;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Grants;

/// <summary>
/// Takes revoked grants back from their cabinet: a <c>SignedWithdrawal</c> per grant, published on the cabinet's
/// withdrawals topic (outbox, same transaction as the revocation) and served by every FetchGrants answer while the
/// grant would still be valid, so a cabinet that missed the message still hears of it before the grant could be used.
/// </summary>
internal sealed class GrantWithdrawals(CloudDbContext db, MasterKeyProtector protector, IGrantEncoder encoder)
{
    /// <summary>The reason a cabinet records for a grant of a cancelled request.</summary>
    public const string RequestCancelled = "request cancelled";

    public async Task QueueAsync(string deviceId, IReadOnlyList<Grant> grants, DateTimeOffset now, CancellationToken ct)
    {
        if (grants.Count == 0)
        {
            return;
        }

        var sealedSecret = await db.Cabinets.Where(c => c.DeviceId == deviceId).Select(c => c.EncryptedSecret).SingleAsync(ct);
        var key = protector.OpenPurposeKey(deviceId, sealedSecret, DeviceKeys.WithdrawalPurpose);
        foreach (var grant in grants)
        {
            var payload = encoder.EncodeWithdrawal(grant, RequestCancelled);
            db.Outbox.Add(new OutboxMessage
            {
                Topic = MqttTopics.Withdrawals(deviceId),
                Payload = encoder.WithdrawalEnvelope(payload, DeviceKeys.Mac(key, payload)),
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
    }

    /// <summary>The signed withdrawals of the device's revoked grants that have not expired yet, oldest counter first.</summary>
    public async Task<IReadOnlyList<(byte[] Payload, byte[] Mac)>> LiveAsync(string deviceId, byte[] withdrawalKey, DateTimeOffset now, CancellationToken ct)
    {
        var revoked = await db.Grants.AsNoTracking()
            .Where(g => g.DeviceId == deviceId && g.State == GrantState.Revoked && g.ExpiresAt > now)
            .OrderBy(g => g.Counter)
            .ToListAsync(ct);
        return [.. revoked.Select(g => encoder.EncodeWithdrawal(g, RequestCancelled)).Select(p => (p, DeviceKeys.Mac(withdrawalKey, p)))];
    }
}
