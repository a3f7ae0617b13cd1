using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Mqtt;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Cloud.Service.Grants;

/// <summary>
/// Issues a signed one-time grant inside the caller's transaction: allocates the next per-device counter
/// (an UPDATE … RETURNING, which row-locks the cabinet until commit), signs the encoded UnlockGrant with
/// the device's grant key and writes the grant and its outbox message. Nothing is published here.
/// </summary>
internal sealed class GrantIssuer(
    CloudDbContext db, MasterKeyProtector protector, LedgerAppender ledger, IGrantEncoder encoder, IOptions<GrantOptions> options)
{
    /// <summary>What links the grant to its signed approvals; null unless every approval was signed.</summary>
    public static byte[]? ApprovalDigest(SealRequest request)
    {
        var approvals = request.Decisions.Where(d => d.Approved).OrderBy(d => d.DecidedAt).ToList();
        return approvals.Count == 0 || approvals.Any(d => d.Statement is null)
            ? null
            : System.Security.Cryptography.SHA256.HashData(approvals.SelectMany(d => System.Security.Cryptography.SHA256.HashData(d.Statement!)).ToArray());
    }

    public async Task<Grant> IssueAsync(SealRequest request, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A grant must be issued inside the transaction that approves it.");
        }

        var allocated = await db.Database
            .SqlQuery<long>($"""
                UPDATE cabinets SET grant_counter = grant_counter + 1
                WHERE device_id = {request.DeviceId} AND status <> 'Decommissioned'
                RETURNING grant_counter AS "Value"
                """)
            .ToListAsync(ct);
        if (allocated.Count == 0)
        {
            throw CloudException.Precondition($"cabinet '{request.DeviceId}' is decommissioned; no grant can be issued for it");
        }

        var counter = allocated[0];
        var sealedSecret = await db.Cabinets.Where(c => c.DeviceId == request.DeviceId).Select(c => c.EncryptedSecret).SingleAsync(ct);
        var grantKey = protector.OpenPurposeKey(request.DeviceId, sealedSecret, DeviceKeys.GrantPurpose);

        var settings = options.Value;
        var grantId = Guid.NewGuid();
        var notBefore = now - settings.ClockSkewAllowance;
        var expires = now + settings.Validity;
        var grant = new Grant
        {
            Id = grantId,
            RequestId = request.Id,
            DeviceId = request.DeviceId,
            Sleeve = request.Sleeve,
            SealKind = request.SealKind,
            Counter = counter,
            PressesAllowed = request.Copies,
            State = GrantState.Issued,
            IssuedAt = now,
            NotBefore = notBefore,
            ExpiresAt = expires,
            DocumentDigest = request.DocumentSha256,
            MatterCode = request.MatterCode,
            CustodianId = request.CustodianId,
            ApprovalDigest = ApprovalDigest(request),
            Payload = [],
            Mac = [],
            StateChangedAt = now,
        };
        grant.Payload = encoder.Encode(grant);
        grant.Mac = DeviceKeys.Mac(grantKey, grant.Payload);
        db.Grants.Add(grant);
        db.Outbox.Add(new OutboxMessage
        {
            Topic = MqttTopics.Grants(request.DeviceId),
            Payload = encoder.Envelope(grant.Payload, grant.Mac),
            GrantId = grantId,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        await ledger.AppendAsync(
            LedgerRecords.GrantIssued(
                request.Id.ToString("D"), request.DeviceId, request.Sleeve, counter, request.Copies,
                expires.ToUnixTimeMilliseconds(), request.DocumentSha256, now.ToUnixTimeMilliseconds(), grant.ApprovalDigest),
            ct);
        return grant;
    }
}
