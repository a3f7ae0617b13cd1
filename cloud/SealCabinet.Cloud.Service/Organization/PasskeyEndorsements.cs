using System.Security.Cryptography;
using Fido2NetLib;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Cloud.Service.Sessions;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Cloud.Service.Organization;

/// <summary>
/// An administrator's passkey vouches for a person's newly registered passkey (docs/supervision.md §11.7): the
/// endorsement statement names the person, the credential and its key's fingerprint, the administrator's own endorsed
/// passkey signs it, and the registration enters the ledger carrying it. A root administrator
/// (<see cref="ApprovalOptions.RootAdministrators"/>) without an endorsed passkey signs their first one's endorsement
/// with that passkey itself. Until endorsed, a passkey signs in but signs no decision.
/// </summary>
internal sealed class PasskeyEndorsements(
    CloudDbContext db,
    OrganizationService organization,
    StatementSignatures signatures,
    LedgerAppender ledger,
    IOptions<ApprovalOptions> approvals,
    TimeProvider clock,
    ILogger<PasskeyEndorsements> logger)
{
    private const string Action = "endorse their passkey";

    /// <summary>The person's passkeys, oldest first: the caller's own, or (administrator covering every role) another person's.</summary>
    public async Task<IReadOnlyList<PasskeyCredential>> ListAsync(Caller caller, string personId, CancellationToken ct)
    {
        var id = string.IsNullOrEmpty(personId) ? caller.PersonId : personId;
        if (id != caller.PersonId)
        {
            if (!caller.Roles.Any(r => r.Role == PersonRole.Administrator))
            {
                throw CloudException.Denied("only the person themselves or an administrator covering their roles sees their passkeys");
            }

            await organization.RequireAdministratorOfEveryRoleAsync(caller, await organization.LoadPersonAsync(id, ct), "see their passkeys", ct);
        }

        return await db.PasskeyCredentials.AsNoTracking().Where(c => c.PersonId == id).OrderBy(c => c.CreatedAt).ToListAsync(ct);
    }

    public async Task<(Guid CeremonyId, byte[] Statement, string OptionsJson, bool Root, string Fingerprint)> BeginAsync(
        Caller administrator, Fido2Configuration relyingParty, string personId, byte[] credentialId, CancellationToken ct)
    {
        var person = await organization.LoadPersonAsync(personId, ct);
        await organization.RequireAdministratorOfEveryRoleAsync(administrator, person, Action, ct);
        if (credentialId.Length == 0)
        {
            throw CloudException.Invalid("credential_id", "is required");
        }

        var target = await db.PasskeyCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.CredentialId == credentialId && c.PersonId == personId, ct)
            ?? throw CloudException.NotFound("credential_id", $"person '{personId}' has no such passkey (or it was revoked)");
        RequireUnendorsed(target);
        var signers = await db.PasskeyCredentials.AsNoTracking()
            .Where(c => c.PersonId == administrator.PersonId && c.EndorsedAt != null).Select(c => c.CredentialId).ToListAsync(ct);
        var root = signers.Count == 0;
        if (root)
        {
            RequireRootAdministrator(administrator, target);
            signers = [target.CredentialId];
        }

        var statement = CredentialEndorsements.Create(
            personId, target.CredentialId, target.PublicKey, AlgorithmOf(target), administrator.PersonId, clock.GetUtcNow().ToUnixTimeMilliseconds(),
            RandomNumberGenerator.GetBytes(ApprovalStatements.NonceLength)).Bytes;
        var (ceremony, json) = await signatures.BeginAsync(relyingParty, WebAuthnCeremonyKind.Endorsement, administrator.PersonId, statement, null, signers, ct);
        return (ceremony, statement, json, root, CredentialEndorsements.Fingerprint(target.PublicKey));
    }

    /// <summary>
    /// Verifies the administrator's signature and, in one transaction, marks the passkey endorsed and appends its
    /// registration with the endorsement to the ledger.
    /// </summary>
    public async Task<PasskeyCredential> EndorseAsync(
        Caller administrator, Fido2Configuration relyingParty, string ceremonyId, string credentialJson, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ceremony = await signatures.CeremonyAsync(ceremonyId, "ceremony_id", WebAuthnCeremonyKind.Endorsement, administrator.PersonId, _ => true, "another passkey", ct);
        var statement = CredentialEndorsements.Parse(ceremony.Statement);
        var personId = statement.GetText("person_id");
        var credentialId = Convert.FromBase64String(statement.GetText("credential_id"));

        // The person's roles, and so whether this administrator covers them, may have changed since Begin.
        await organization.RequireAdministratorOfEveryRoleAsync(administrator, await organization.LoadPersonAsync(personId, ct), Action, ct);
        var target = await db.PasskeyCredentials.FromSql($"SELECT * FROM passkey_credentials WHERE credential_id = {credentialId} FOR UPDATE").SingleOrDefaultAsync(ct)
            ?? throw CloudException.NotFound("ceremony_id", "the passkey was revoked meanwhile");
        RequireUnendorsed(target);
        var mayBeRoot = !await db.PasskeyCredentials.AnyAsync(c => c.PersonId == administrator.PersonId && c.EndorsedAt != null, ct);
        var (signed, signer) = await signatures.VerifyAsync(
            relyingParty, ceremony, credentialJson, "credential_json", administrator.PersonId, "you", c => SignerRefusal(administrator, target, c, mayBeRoot), ct);

        var now = clock.GetUtcNow();
        target.EndorsedAt = now;
        target.EndorsedBy = administrator.PersonId;
        target.EndorsedWith = signer.CredentialId;
        await ledger.AppendAsync(
            LedgerRecords.CredentialRegistered(personId, target.CredentialId, target.PublicKey, AlgorithmOf(target), administrator.PersonId, now.ToUnixTimeMilliseconds(), signed), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Administrator {AdministratorId} endorsed a passkey of {PersonId} (root: {Root})", administrator.PersonId, personId, target.IsRoot);
        return target;
    }

    private static void RequireUnendorsed(PasskeyCredential target)
    {
        if (target.EndorsedAt is not null)
        {
            throw CloudException.Precondition($"this passkey of '{target.PersonId}' was already endorsed by '{target.EndorsedBy}'");
        }
    }

    private void RequireRootAdministrator(Caller administrator, PasskeyCredential target)
    {
        if (target.PersonId != administrator.PersonId || !approvals.Value.RootAdministrators.Contains(administrator.PersonId, StringComparer.Ordinal))
        {
            throw CloudException.Precondition(
                "you have no endorsed passkey to sign the endorsement with: sign in with a passkey another administrator endorsed "
                + $"(only the root administrators of {ApprovalOptions.Section}:RootAdministrators endorse their own first passkey)");
        }
    }

    /// <summary>
    /// Why <paramref name="signer"/> may not sign this endorsement, or null: an endorsed passkey, or the first passkey of a
    /// root administrator who has no endorsed one (<paramref name="mayBeRoot"/>).
    /// </summary>
    private string? SignerRefusal(Caller administrator, PasskeyCredential target, PasskeyCredential signer, bool mayBeRoot)
    {
        if (signer.EndorsedAt is not null)
        {
            return null;
        }

        if (mayBeRoot && signer.CredentialId.AsSpan().SequenceEqual(target.CredentialId))
        {
            RequireRootAdministrator(administrator, target);
            return null;
        }

        return "signed with a passkey of yours that no administrator endorsed";
    }

    private static long AlgorithmOf(PasskeyCredential credential) =>
        WebAuthnVerifier.TryGetAlgorithm(credential.PublicKey, out var algorithm)
            ? algorithm
            : throw CloudException.Precondition("the passkey's key is not ES256, EdDSA or RS256; the person registers another passkey");
}
