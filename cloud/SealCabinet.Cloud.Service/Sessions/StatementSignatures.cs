using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Ledger.Approvals;

namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>
/// A statement signed with a person's passkey (an approval statement, a credential endorsement): Begin stores a
/// ceremony whose challenge is SHA-256 of the statement; Verify takes it back once and verifies the assertion under the
/// signer's stored public key (rp id, origin, type, user presence and verification, sign counter) inside the caller's
/// transaction, so that the ceremony is consumed and the counter moves only if what the signature backs commits.
/// </summary>
internal sealed class StatementSignatures(CloudDbContext db, TimeProvider clock)
{
    public async Task<(Guid CeremonyId, string OptionsJson)> BeginAsync(
        Fido2Configuration relyingParty, WebAuthnCeremonyKind kind, string signerId, byte[] statement, Guid? requestId,
        IEnumerable<byte[]> allowedCredentials, CancellationToken ct)
    {
        var options = AssertionOptions.Create(
            relyingParty, ApprovalStatements.Challenge(statement), [.. allowedCredentials.Select(id => new PublicKeyCredentialDescriptor(id))],
            UserVerificationRequirement.Required, null);
        var ceremony = new WebAuthnCeremony { Kind = kind, OptionsJson = options.ToJson(), PersonId = signerId, RequestId = requestId, Statement = statement };
        return (await PasskeyCeremonies.StartCeremonyAsync(db, ceremony, clock.GetUtcNow(), ct), ceremony.OptionsJson);
    }

    /// <summary>
    /// The live ceremony of <paramref name="kind"/> that <paramref name="signerId"/> started, when
    /// <paramref name="belongs"/> accepts it; refused as permission denied naming <paramref name="field"/> otherwise.
    /// </summary>
    public async Task<WebAuthnCeremony> CeremonyAsync(
        string ceremonyId, string field, WebAuthnCeremonyKind kind, string signerId, Func<WebAuthnCeremony, bool> belongs, string what, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(ceremonyId, field);
        var now = clock.GetUtcNow();
        var ceremony = await db.WebAuthnCeremonies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.Kind == kind && c.ExpiresAt > now, ct);
        return ceremony is not null && ceremony.PersonId == signerId && ceremony.Statement is not null && belongs(ceremony)
            ? ceremony
            : throw new CloudException(CloudErrorKind.PermissionDenied, $"{field}: unknown, expired, already used, or started by someone else or for {what}; sign again");
    }

    /// <summary>
    /// Verifies <paramref name="credentialJson"/> over <paramref name="ceremony"/>'s statement with one of
    /// <paramref name="signerId"/>'s passkeys (<paramref name="who"/>, for messages) for which <paramref name="refusal"/>
    /// gives no reason to refuse, consumes the ceremony and moves the counter; returns the signed statement and the signing
    /// passkey (tracked).
    /// </summary>
    public async Task<(SignedStatement Signed, PasskeyCredential Signer)> VerifyAsync(
        Fido2Configuration relyingParty, WebAuthnCeremony ceremony, string credentialJson, string field, string signerId, string who,
        Func<PasskeyCredential, string?> refusal, CancellationToken ct)
    {
        var response = PasskeyCeremonies.ParseCredential<AuthenticatorAssertionRawResponse>(credentialJson, field);
        var rawId = response.RawId ?? [];
        var stored = await db.PasskeyCredentials.SingleOrDefaultAsync(c => c.CredentialId == rawId && c.PersonId == signerId, ct)
            ?? throw new CloudException(CloudErrorKind.PermissionDenied, $"{field}: signed with a passkey that is not registered to {who} (or was removed)");
        if (refusal(stored) is { } reason)
        {
            throw new CloudException(CloudErrorKind.PermissionDenied, $"{field}: {reason}");
        }

        VerifyAssertionResult verified;
        try
        {
            verified = await new Fido2(relyingParty).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = AssertionOptions.FromJson(ceremony.OptionsJson),
                StoredPublicKey = stored.PublicKey,
                StoredSignatureCounter = (uint)stored.SignCount,
                // The credential was looked up by its id and the signer, so it is theirs whatever user handle comes with it.
                IsUserHandleOwnerOfCredentialIdCallback = (_, _) => Task.FromResult(true),
            }, ct);
        }
        catch (Fido2VerificationException e)
        {
            throw new CloudException(CloudErrorKind.PermissionDenied, $"{field}: the passkey signature did not verify: {e.Message}");
        }

        if (await db.WebAuthnCeremonies.Where(c => c.Id == ceremony.Id).ExecuteDeleteAsync(ct) != 1)
        {
            throw new CloudException(CloudErrorKind.PermissionDenied, $"{field}: the ceremony was used meanwhile; sign again");
        }

        stored.SignCount = verified.SignCount;
        stored.LastUsedAt = clock.GetUtcNow();
        var signed = new SignedStatement(
            ceremony.Statement!, stored.CredentialId, response.Response.AuthenticatorData, response.Response.ClientDataJson, response.Response.Signature);
        return (signed, stored);
    }
}
