using System.Text;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Ledger.Approvals;

namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>
/// Passkey registration with a one-time enrolment code, and passkey sign-in. A ceremony's options (with the
/// challenge) are kept in the database between Begin and Finish, so the two may reach different replicas;
/// each ceremony, like each code, can be finished once.
/// </summary>
internal sealed class PasskeyCeremonies(
    CloudDbContext db, BrowserSessionStore sessions, TimeProvider clock, ILogger<PasskeyCeremonies> logger)
{
    /// <summary>Largest credential JSON accepted (an attestation with a certificate chain stays well below it).</summary>
    public const int MaxCredentialJsonChars = 64 * 1024;

    private static readonly TimeSpan CeremonyLifetime = TimeSpan.FromMinutes(5);

    public async Task<(Guid CeremonyId, string OptionsJson, string PersonName)> BeginEnrolmentAsync(
        Fido2Configuration relyingParty, string enrolmentCode, CancellationToken ct)
    {
        var code = await LiveCodeAsync(enrolmentCode, ct);
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == code.PersonId, ct);
        var existing = await db.PasskeyCredentials.AsNoTracking().Where(c => c.PersonId == person.Id).Select(c => c.CredentialId).ToListAsync(ct);
        var options = new Fido2(relyingParty).RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = UserHandle(person.Id), Name = person.Id, DisplayName = person.Name },
            ExcludeCredentials = [.. existing.Select(id => new PublicKeyCredentialDescriptor(id))],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = AttestationConveyancePreference.None,

            // Only algorithms an outsider's offline verifier can check (docs/supervision.md §11): the passkey signs approvals.
            PubKeyCredParams = [PubKeyCredParam.ES256, PubKeyCredParam.Ed25519, PubKeyCredParam.RS256],
        });
        var json = options.ToJson();
        var ceremony = await StartCeremonyAsync(WebAuthnCeremonyKind.Enrolment, json, person.Id, ct);
        return (ceremony, json, person.Name);
    }

    /// <summary>Registers the passkey, burns the code and starts a session, in one transaction.</summary>
    public async Task<(string Secret, BrowserSession Session)> FinishEnrolmentAsync(
        Fido2Configuration relyingParty, string enrolmentCode, string ceremonyId, string credentialJson, CancellationToken ct)
    {
        var response = ParseCredential<AuthenticatorAttestationRawResponse>(credentialJson, "credential_json");
        var code = await LiveCodeAsync(enrolmentCode, ct);
        var ceremony = await TakeCeremonyAsync(ceremonyId, WebAuthnCeremonyKind.Enrolment, ct);
        if (ceremony.PersonId != code.PersonId)
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, "ceremony_id: was not started with this enrolment code");
        }

        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await new Fido2(relyingParty).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = CredentialCreateOptions.FromJson(ceremony.OptionsJson),
                IsCredentialIdUniqueToUserCallback = async (p, token) => !await db.PasskeyCredentials.AnyAsync(c => c.CredentialId == p.CredentialId, token),
            }, ct);
        }
        catch (Fido2VerificationException e)
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, $"credential_json: the passkey registration did not verify: {e.Message}");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var burned = await db.EnrolmentCodes.Where(c => c.CodeHash == code.CodeHash && c.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, now), ct);
        if (burned != 1)
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, "enrolment_code: was used meanwhile");
        }

        if (!WebAuthnVerifier.TryGetAlgorithm(credential.PublicKey, out _))
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, "credential_json: the passkey's key is not ES256, EdDSA or RS256; register another passkey");
        }

        db.PasskeyCredentials.Add(new PasskeyCredential
        {
            CredentialId = credential.Id,
            PersonId = code.PersonId,
            PublicKey = credential.PublicKey,
            SignCount = credential.SignCount,
            Aaguid = credential.AaGuid,
            CreatedAt = now,
        });

        // The public key enters the ledger when an administrator endorses it (Organization/PasskeyEndorsements): the
        // entry then carries their signature, so the key is not the service's word only.
        var started = sessions.Start(code.PersonId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Person {PersonId} registered a passkey and signed in (session {SessionId})", code.PersonId, started.Session.Id);
        return started;
    }

    public async Task<(Guid CeremonyId, string OptionsJson)> BeginSignInAsync(Fido2Configuration relyingParty, CancellationToken ct)
    {
        // No allow-list: the passkeys are discoverable, so the browser offers this phone's passkeys for the site.
        var options = new Fido2(relyingParty).GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [],
            UserVerification = UserVerificationRequirement.Required,
        });
        var json = options.ToJson();
        return (await StartCeremonyAsync(WebAuthnCeremonyKind.SignIn, json, null, ct), json);
    }

    /// <summary>Verifies the assertion under the stored public key and starts a session.</summary>
    public async Task<(string Secret, BrowserSession Session)> FinishSignInAsync(
        Fido2Configuration relyingParty, string ceremonyId, string credentialJson, CancellationToken ct)
    {
        var response = ParseCredential<AuthenticatorAssertionRawResponse>(credentialJson, "credential_json");
        var ceremony = await TakeCeremonyAsync(ceremonyId, WebAuthnCeremonyKind.SignIn, ct);
        var rawId = response.RawId ?? [];
        var stored = await db.PasskeyCredentials.SingleOrDefaultAsync(c => c.CredentialId == rawId, ct)
            ?? throw new CloudException(CloudErrorKind.Unauthenticated, "credential_json: this passkey is not registered here (or was removed)");

        VerifyAssertionResult verified;
        try
        {
            verified = await new Fido2(relyingParty).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = AssertionOptions.FromJson(ceremony.OptionsJson),
                StoredPublicKey = stored.PublicKey,
                StoredSignatureCounter = (uint)stored.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) =>
                    Task.FromResult(p.UserHandle is not null && p.UserHandle.AsSpan().SequenceEqual(UserHandle(stored.PersonId))),
            }, ct);
        }
        catch (Fido2VerificationException e)
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, $"credential_json: the passkey sign-in did not verify: {e.Message}");
        }

        stored.SignCount = verified.SignCount;
        stored.LastUsedAt = clock.GetUtcNow();
        var started = sessions.Start(stored.PersonId);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Person {PersonId} signed in with a passkey (session {SessionId})", stored.PersonId, started.Session.Id);
        return started;
    }

    /// <summary>
    /// The WebAuthn user handle: at most 64 bytes and no personal data in clear (a person id may be 128 characters and
    /// is often a name), so the SHA-256 of the person id.
    /// </summary>
    private static byte[] UserHandle(string personId) => System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(personId));

    /// <summary>A WebAuthn response as the browser sent it, refused with the field's name when absent, oversized or not JSON of its shape.</summary>
    public static T ParseCredential<T>(string credentialJson, string field)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            throw CloudException.Invalid(field, "is required");
        }

        if (credentialJson.Length > MaxCredentialJsonChars)
        {
            throw CloudException.Invalid(field, $"is {credentialJson.Length} characters, more than {MaxCredentialJsonChars}");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(credentialJson) ?? throw CloudException.Invalid(field, "is null");
        }
        catch (JsonException e)
        {
            throw CloudException.Invalid(field, $"is not a WebAuthn credential in JSON: {e.Message}");
        }
    }

    private async Task<EnrolmentCode> LiveCodeAsync(string enrolmentCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(enrolmentCode) || enrolmentCode.Length > 64)
        {
            throw CloudException.Invalid("enrolment_code", "is required (at most 64 characters)");
        }

        var hash = EnrolmentCode.HashOf(enrolmentCode);
        var now = clock.GetUtcNow();
        return await db.EnrolmentCodes.AsNoTracking().SingleOrDefaultAsync(c => c.CodeHash == hash && c.UsedAt == null && c.ExpiresAt > now, ct)
            ?? throw new CloudException(CloudErrorKind.Unauthenticated, "enrolment_code: unknown, already used or expired; ask an administrator for a new invitation");
    }

    /// <summary>Stores a new ceremony, valid for 5 minutes from <paramref name="now"/>, and sweeps the expired ones.</summary>
    public static async Task<Guid> StartCeremonyAsync(CloudDbContext db, WebAuthnCeremony ceremony, DateTimeOffset now, CancellationToken ct)
    {
        await db.WebAuthnCeremonies.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(ct);
        ceremony.Id = Guid.NewGuid();
        ceremony.ExpiresAt = now + CeremonyLifetime;
        db.WebAuthnCeremonies.Add(ceremony);
        await db.SaveChangesAsync(ct);
        return ceremony.Id;
    }

    private Task<Guid> StartCeremonyAsync(WebAuthnCeremonyKind kind, string optionsJson, string? personId, CancellationToken ct) =>
        StartCeremonyAsync(db, new WebAuthnCeremony { Kind = kind, OptionsJson = optionsJson, PersonId = personId }, clock.GetUtcNow(), ct);

    /// <summary>Removes and returns the ceremony: whoever deletes it first finishes it, so a replayed response fails.</summary>
    private async Task<WebAuthnCeremony> TakeCeremonyAsync(string ceremonyId, WebAuthnCeremonyKind kind, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(ceremonyId, "ceremony_id");
        var now = clock.GetUtcNow();
        var ceremony = await db.WebAuthnCeremonies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.Kind == kind && c.ExpiresAt > now, ct);
        if (ceremony is null || await db.WebAuthnCeremonies.Where(c => c.Id == id).ExecuteDeleteAsync(ct) != 1)
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, "ceremony_id: unknown, already finished or expired; start again");
        }

        return ceremony;
    }
}
