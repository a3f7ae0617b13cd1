using System.Security.Cryptography;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Sessions;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>
/// The approver's passkey signs each decision: Begin builds the canonical approval statement from the request as
/// stored (docs/supervision.md §11) and WebAuthn options whose challenge is its SHA-256; Verify takes that ceremony
/// back once, checks that the statement still describes the request, and verifies the assertion under the approver's
/// registered public key (rp id, origin, type, user presence and verification, sign counter) before anything is recorded.
/// </summary>
internal sealed class DecisionSignatures(CloudDbContext db, TimeProvider clock)
{
    public async Task<(Guid CeremonyId, byte[] Statement, string OptionsJson)> BeginAsync(
        Fido2Configuration relyingParty, string approverId, SealRequest request, bool approve, string comment, CancellationToken ct)
    {
        var credentials = await db.PasskeyCredentials.AsNoTracking().Where(c => c.PersonId == approverId).Select(c => c.CredentialId).ToListAsync(ct);
        if (credentials.Count == 0)
        {
            throw CloudException.Precondition($"person '{approverId}' has no registered passkey to sign with; an administrator invites them to enrol one");
        }

        var now = clock.GetUtcNow();
        var statement = Statement(request, approve, comment, approverId, now.ToUnixTimeMilliseconds(), RandomNumberGenerator.GetBytes(16));
        var options = AssertionOptions.Create(
            relyingParty, ApprovalStatements.Challenge(statement), [.. credentials.Select(id => new PublicKeyCredentialDescriptor(id))],
            UserVerificationRequirement.Required, null);
        var json = options.ToJson();
        var ceremony = new WebAuthnCeremony
        {
            Kind = WebAuthnCeremonyKind.Decision,
            OptionsJson = json,
            PersonId = approverId,
            RequestId = request.Id,
            Statement = statement,
        };
        return (await PasskeyCeremonies.StartCeremonyAsync(db, ceremony, now, ct), statement, json);
    }

    /// <summary>
    /// Verifies the signature of <paramref name="approverId"/>'s decision on the locked <paramref name="request"/>, inside
    /// the caller's transaction (the ceremony is consumed and the counter updated only if the decision commits).
    /// </summary>
    public async Task<Decision> VerifyAsync(
        DecisionSignatureInput input, string approverId, SealRequest request, bool approve, string comment, CancellationToken ct)
    {
        var response = PasskeyCeremonies.ParseCredential<AuthenticatorAssertionRawResponse>(input.CredentialJson, "signature.credential_json");
        var id = Identifiers.RequireUuid(input.CeremonyId, "signature.ceremony_id");
        var now = clock.GetUtcNow();
        var ceremony = await db.WebAuthnCeremonies.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == id && c.Kind == WebAuthnCeremonyKind.Decision && c.ExpiresAt > now, ct);
        if (ceremony is null || ceremony.PersonId != approverId || ceremony.RequestId != request.Id || ceremony.Statement is null)
        {
            throw new CloudException(CloudErrorKind.PermissionDenied,
                "signature.ceremony_id: unknown, expired, already used, or started by someone else or for another request; sign again");
        }

        var signed = ceremony.Statement;
        var fields = ApprovalStatements.Parse(signed);
        var expected = Statement(request, approve, comment, approverId, fields.GetInteger("at_ms"), Convert.FromBase64String(fields.GetText("nonce")));
        if (!expected.AsSpan().SequenceEqual(signed))
        {
            throw CloudException.Invalid("signature",
                "the signed statement does not describe this decision (another decision, comment, or the request changed since it was shown); sign again");
        }

        var rawId = response.RawId ?? [];
        var stored = await db.PasskeyCredentials.SingleOrDefaultAsync(c => c.CredentialId == rawId && c.PersonId == approverId, ct)
            ?? throw new CloudException(CloudErrorKind.PermissionDenied, "signature.credential_json: signed with a passkey that is not registered to the approver (or was removed)");

        VerifyAssertionResult verified;
        try
        {
            verified = await new Fido2(input.RelyingParty).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = AssertionOptions.FromJson(ceremony.OptionsJson),
                StoredPublicKey = stored.PublicKey,
                StoredSignatureCounter = (uint)stored.SignCount,
                // The credential was looked up by its id and the approver, so it is theirs whatever user handle comes with it.
                IsUserHandleOwnerOfCredentialIdCallback = (_, _) => Task.FromResult(true),
            }, ct);
        }
        catch (Fido2VerificationException e)
        {
            throw new CloudException(CloudErrorKind.PermissionDenied, $"signature.credential_json: the passkey signature did not verify: {e.Message}");
        }

        if (await db.WebAuthnCeremonies.Where(c => c.Id == id).ExecuteDeleteAsync(ct) != 1)
        {
            throw new CloudException(CloudErrorKind.PermissionDenied, "signature.ceremony_id: was used meanwhile; sign again");
        }

        stored.SignCount = verified.SignCount;
        stored.LastUsedAt = now;
        return new Decision
        {
            Id = Guid.NewGuid(),
            RequestId = request.Id,
            ApproverId = approverId,
            Approved = approve,
            Comment = comment,
            DecidedAt = now,
            Statement = signed,
            CredentialId = stored.CredentialId,
            AuthenticatorData = response.Response.AuthenticatorData,
            ClientDataJson = response.Response.ClientDataJson,
            Signature = response.Response.Signature,
        };
    }

    /// <summary>The decision's ledger entry: request.approved or request.rejected, carrying the statement and assertion when signed.</summary>
    public static LedgerRecord LedgerEntry(Decision decision)
    {
        var requestId = decision.RequestId.ToString("D");
        var atMs = decision.DecidedAt.ToUnixTimeMilliseconds();
        if (decision.Statement is null)
        {
            return decision.Approved
                ? LedgerRecords.RequestApproved(requestId, decision.ApproverId, atMs)
                : LedgerRecords.RequestRejected(requestId, decision.ApproverId, decision.Comment, atMs);
        }

        var signed = new SignedStatement(decision.Statement, decision.CredentialId!, decision.AuthenticatorData!, decision.ClientDataJson!, decision.Signature!);
        return decision.Approved
            ? LedgerRecords.RequestApproved(requestId, decision.ApproverId, atMs, signed)
            : LedgerRecords.RequestRejected(requestId, decision.ApproverId, decision.Comment, atMs, signed);
    }

    private static byte[] Statement(SealRequest request, bool approve, string comment, string approverId, long atMs, byte[] nonce) =>
        ApprovalStatements.Create(
            request.Id.ToString("D"), request.VillageId, request.MatterCode, request.SealKind, request.Copies,
            [.. request.Materials.OrderBy(m => m.Ordinal).Select(m => m.Sha256)],
            approve ? ApprovalStatements.Approve : ApprovalStatements.Reject, comment, approverId, atMs, nonce).Bytes;
}
