using System.Security.Cryptography;
using Fido2NetLib;
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
/// endorsed passkey (<see cref="StatementSignatures"/>) before anything is recorded.
/// </summary>
internal sealed class DecisionSignatures(CloudDbContext db, StatementSignatures signatures, TimeProvider clock)
{
    public async Task<(Guid CeremonyId, byte[] Statement, string OptionsJson)> BeginAsync(
        Fido2Configuration relyingParty, string approverId, SealRequest request, bool approve, string comment, CancellationToken ct)
    {
        var passkeys = await db.PasskeyCredentials.AsNoTracking().Where(c => c.PersonId == approverId)
            .Select(c => new { c.CredentialId, c.EndorsedAt }).ToListAsync(ct);
        if (passkeys.Count == 0)
        {
            throw CloudException.Precondition($"person '{approverId}' has no registered passkey to sign with; an administrator invites them to enrol one");
        }

        var endorsed = passkeys.Where(c => c.EndorsedAt is not null).Select(c => c.CredentialId).ToList();
        if (endorsed.Count == 0)
        {
            throw CloudException.Precondition(
                $"the passkey of '{approverId}' is not endorsed yet: an administrator compares its fingerprint and endorses it (console: People) before it can sign decisions");
        }

        var statement = Statement(request, approve, comment, approverId, clock.GetUtcNow().ToUnixTimeMilliseconds(), RandomNumberGenerator.GetBytes(16));
        var (ceremony, json) = await signatures.BeginAsync(relyingParty, WebAuthnCeremonyKind.Decision, approverId, statement, request.Id, endorsed, ct);
        return (ceremony, statement, json);
    }

    /// <summary>
    /// Verifies the signature of <paramref name="approverId"/>'s decision on the locked <paramref name="request"/>, inside
    /// the caller's transaction (the ceremony is consumed and the counter updated only if the decision commits).
    /// </summary>
    public async Task<Decision> VerifyAsync(
        DecisionSignatureInput input, string approverId, SealRequest request, bool approve, string comment, CancellationToken ct)
    {
        var ceremony = await signatures.CeremonyAsync(
            input.CeremonyId, "signature.ceremony_id", WebAuthnCeremonyKind.Decision, approverId, c => c.RequestId == request.Id, "another request", ct);
        var fields = ApprovalStatements.Parse(ceremony.Statement);
        var expected = Statement(request, approve, comment, approverId, fields.GetInteger("at_ms"), Convert.FromBase64String(fields.GetText("nonce")));
        if (!expected.AsSpan().SequenceEqual(ceremony.Statement))
        {
            throw CloudException.Invalid("signature",
                "the signed statement does not describe this decision (another decision, comment, or the request changed since it was shown); sign again");
        }

        var (signed, _) = await signatures.VerifyAsync(
            input.RelyingParty, ceremony, input.CredentialJson, "signature.credential_json", approverId, "the approver",
            c => c.EndorsedAt is null ? "the passkey is not endorsed by an administrator yet" : null, ct);
        return new Decision
        {
            Id = Guid.NewGuid(),
            RequestId = request.Id,
            ApproverId = approverId,
            Approved = approve,
            Comment = comment,
            DecidedAt = clock.GetUtcNow(),
            Statement = signed.Statement,
            CredentialId = signed.CredentialId,
            AuthenticatorData = signed.AuthenticatorData,
            ClientDataJson = signed.ClientDataJson,
            Signature = signed.Signature,
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
