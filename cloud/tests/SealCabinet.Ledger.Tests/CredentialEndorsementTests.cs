using System.Security.Cryptography;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Bundles;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Ledger.Tests;

/// <summary>The endorsement chain of docs/supervision.md §11.7: roots, administrators' endorsements, and what breaks them.</summary>
public sealed class CredentialEndorsementTests
{
    private static readonly BundleVerifierOptions Checked = new()
    {
        RelyingPartyId = SoftwareAuthenticator.RpId,
        AllowedOrigins = [SoftwareAuthenticator.Origin],
    };

    private TestLedger ledger = null!;
    private SoftwareAuthenticator admin = null!;
    private SoftwareAuthenticator approver = null!;

    [SetUp]
    public void SetUp()
    {
        ledger = new TestLedger(0);
        admin = SoftwareAuthenticator.Es256();
        approver = SoftwareAuthenticator.Es256();
    }

    [TearDown]
    public void TearDown()
    {
        approver.Dispose();
        admin.Dispose();
        ledger.Dispose();
    }

    [Test]
    public async Task A_passkey_endorsed_by_an_administrator_whose_passkey_is_a_root_is_endorsed_and_its_approvals_are_valid()
    {
        ledger.Append(TestStatements.Registration("u-admin", admin));
        ledger.Append(TestStatements.Registration("u-approver", approver, "u-admin", admin));
        Approve("r-1");
        var result = await VerifyAsync(Checked);
        Assert.That(result.Failures, Is.Empty);
        Assert.That(result.Credentials.Select(c => (c.EntryIndex, c.PersonId, c.IsRoot, c.Status, c.EndorserId, c.EndorserEntryIndex)), Is.EqualTo(new[]
        {
            (0UL, "u-admin", true, CredentialStatus.Endorsed, "u-admin", (ulong?)0),
            (1UL, "u-approver", false, CredentialStatus.Endorsed, "u-admin", (ulong?)0),
        }));
        Assert.That(result.Credentials[0].Fingerprint, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(admin.CosePublicKey))));
        Assert.That(result.Approvals.Single().Status, Is.EqualTo(ApprovalStatus.Valid));
    }

    [Test]
    public async Task An_unendorsed_registration_leaves_its_approvals_not_fully_checked_and_fails_when_signatures_are_required()
    {
        ledger.Append(LedgerRecords.CredentialRegistered("u-approver", approver.CredentialId, approver.CosePublicKey, approver.Algorithm, "u-admin", 1));
        Approve("r-1");
        var lenient = await VerifyAsync(Checked);
        Assert.That(lenient.Failures, Is.Empty);
        Assert.That(lenient.Credentials.Single().Status, Is.EqualTo(CredentialStatus.Unendorsed));
        Assert.That(lenient.Approvals.Single().Status, Is.EqualTo(ApprovalStatus.NotFullyChecked));
        Assert.That(lenient.Approvals.Single().Detail, Does.Contain("no administrator's signature: that u-admin enrolled it is the service's word only"));

        var strict = await VerifyAsync(new BundleVerifierOptions { RelyingPartyId = Checked.RelyingPartyId, AllowedOrigins = Checked.AllowedOrigins, RequireSignedApprovals = true });
        Assert.That(strict.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[]
        {
            (BundleFailureKind.UnendorsedCredential, (ulong?)0), (BundleFailureKind.InvalidApprovalSignature, (ulong?)1),
        }));
    }

    [Test]
    public async Task An_endorsement_signed_with_a_passkey_never_registered_to_the_endorser_is_invalid_and_so_are_the_approvals_it_backs()
    {
        ledger.Append(TestStatements.Registration("u-approver", approver, "u-admin", admin));
        Approve("r-1");
        var result = await VerifyAsync(Checked);
        Assert.That(result.Credentials.Single().Detail, Is.EqualTo($"signed with credential {Convert.ToBase64String(admin.CredentialId)}, never registered to u-admin before this entry"));
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[]
        {
            (BundleFailureKind.InvalidCredentialEndorsement, (ulong?)0), (BundleFailureKind.InvalidApprovalSignature, (ulong?)1),
        }));
    }

    [Test]
    public async Task An_endorsement_made_after_the_administrators_passkey_was_revoked_is_invalid_while_an_earlier_one_holds()
    {
        using var second = SoftwareAuthenticator.Es256();
        ledger.Append(TestStatements.Registration("u-admin", admin));
        ledger.Append(TestStatements.Registration("u-approver", approver, "u-admin", admin));
        ledger.Append(LedgerRecords.CredentialRevoked("u-admin", admin.CredentialId, "u-root", "phone lost", 2));
        ledger.Append(TestStatements.Registration("u-second", second, "u-admin", admin));
        var result = await VerifyAsync(Checked);
        Assert.That(result.Credentials.Select(c => c.Status), Is.EqualTo(new[] { CredentialStatus.Endorsed, CredentialStatus.Endorsed, CredentialStatus.Invalid }));
        Assert.That(result.Credentials[2].Detail, Is.EqualTo($"signed with credential {Convert.ToBase64String(admin.CredentialId)} of u-admin, revoked at entry 2"));
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.InvalidCredentialEndorsement, (ulong?)3) }));
    }

    [Test]
    public async Task An_endorsement_naming_another_public_key_is_invalid()
    {
        ledger.Append(TestStatements.Registration("u-admin", admin));
        using var other = SoftwareAuthenticator.Es256(credentialId: approver.CredentialId);
        var aboutOther = admin.Sign(TestStatements.Endorsement("u-approver", other, "u-admin"));
        ledger.Append(Forged(approver, "u-admin", aboutOther));
        var result = await VerifyAsync(Checked);
        Assert.That(result.Credentials[1].Detail, Does.StartWith("the endorsement's public_key_sha256 is"));
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.InvalidCredentialEndorsement, (ulong?)1) }));
    }

    [Test]
    public async Task An_endorsement_whose_signature_is_over_another_statement_is_invalid()
    {
        ledger.Append(TestStatements.Registration("u-admin", admin));
        var statement = TestStatements.Endorsement("u-approver", approver, "u-admin");
        ledger.Append(Forged(approver, "u-admin", admin.Sign(statement, challengeOf: TestStatements.Endorsement("u-approver", approver, "u-admin"))));
        var result = await VerifyAsync(Checked);
        Assert.That(result.Credentials[1].Detail, Does.StartWith("the endorser's signature does not verify: "));
        Assert.That(result.Failures.Select(f => f.Kind), Is.EqualTo(new[] { BundleFailureKind.InvalidCredentialEndorsement }));
    }

    [Test]
    public async Task The_same_endorsement_recorded_again_is_invalid_the_second_time()
    {
        ledger.Append(TestStatements.Registration("u-admin", admin));
        var endorsed = TestStatements.Registration("u-approver", approver, "u-admin", admin);
        ledger.Append(endorsed);
        ledger.Append(endorsed);
        var result = await VerifyAsync(Checked);
        Assert.That(result.Credentials[2].Detail, Is.EqualTo("the same endorsement was already recorded at entry 1"));
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.InvalidCredentialEndorsement, (ulong?)2) }));
    }

    [Test]
    public async Task A_root_outside_the_trusted_roots_fails_and_makes_its_endorsements_invalid_while_a_trusted_one_is_endorsed()
    {
        using var stranger = SoftwareAuthenticator.Es256();
        ledger.Append(TestStatements.Registration("u-admin", admin));
        ledger.Append(TestStatements.Registration("u-stranger", stranger));
        ledger.Append(TestStatements.Registration("u-approver", approver, "u-stranger", stranger));
        var trusted = new BundleVerifierOptions
        {
            RelyingPartyId = Checked.RelyingPartyId, AllowedOrigins = Checked.AllowedOrigins,
            TrustedRoots = [CredentialEndorsements.Fingerprint(admin.CosePublicKey).ToUpperInvariant()],
        };
        var result = await VerifyAsync(trusted);
        Assert.That(result.Credentials.Select(c => c.Status), Is.EqualTo(new[] { CredentialStatus.Endorsed, CredentialStatus.Invalid, CredentialStatus.Invalid }));
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[]
        {
            (BundleFailureKind.UntrustedRootCredential, (ulong?)1), (BundleFailureKind.InvalidCredentialEndorsement, (ulong?)2),
        }));
        Assert.That((await VerifyAsync(Checked)).Failures, Is.Empty, "without trusted roots every root is only reported");
    }

    [Test]
    public async Task A_passkey_endorsed_by_an_administrator_without_endorsement_is_unendorsed_too()
    {
        ledger.Append(LedgerRecords.CredentialRegistered("u-admin", admin.CredentialId, admin.CosePublicKey, admin.Algorithm, "u-root", 1));
        ledger.Append(TestStatements.Registration("u-approver", approver, "u-admin", admin));
        var result = await VerifyAsync(Checked);
        Assert.That(result.Credentials.Select(c => c.Status), Is.EqualTo(new[] { CredentialStatus.Unendorsed, CredentialStatus.Unendorsed }));
        Assert.That(result.Credentials[1].Detail, Does.EndWith("the endorser's own credential (entry 0) is Unendorsed"));
    }

    [Test]
    public async Task In_a_bundle_that_starts_after_the_administrators_registration_an_endorsement_is_not_fully_checked()
    {
        ledger.Append(TestStatements.Registration("u-admin", admin));
        ledger.Append(TestStatements.Registration("u-approver", approver, "u-admin", admin));
        Approve("r-1");
        var head = await ledger.SignAsync(1_764_000_300_000);
        var bundle = await AuditBundleWriter.CreateAsync(ledger.Tree, ledger.Key.PublicKey, [head], ledger.Rows.Skip(1).ToList());
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey, Checked);
        Assert.That(result.Failures, Is.Empty);
        Assert.That(result.Credentials.Single().Status, Is.EqualTo(CredentialStatus.NotFullyChecked));
        Assert.That(result.Approvals.Single().Status, Is.EqualTo(ApprovalStatus.NotFullyChecked));
        Assert.That(result.Approvals.Single().Detail, Does.Contain("not registered in the bundle, which starts at entry 1"));
    }

    /// <summary>A registration entry built by hand, as a forger would, carrying whatever signed endorsement it is given.</summary>
    private static LedgerRecord Forged(SoftwareAuthenticator passkey, string endorserId, SignedStatement endorsement) =>
        LedgerRecord.Create(LedgerRecordKinds.PersonCredentialRegistered, new Dictionary<string, object>
        {
            ["person_id"] = "u-approver",
            ["credential_id"] = Convert.ToBase64String(passkey.CredentialId),
            ["public_key"] = Convert.ToBase64String(passkey.CosePublicKey),
            ["algorithm"] = passkey.Algorithm,
            ["enrolled_by"] = endorserId,
            ["at_ms"] = 1,
            ["endorsement"] = Convert.ToBase64String(endorsement.Statement),
            ["endorsement_sha256"] = Convert.ToHexStringLower(SHA256.HashData(endorsement.Statement)),
            ["endorser_credential_id"] = Convert.ToBase64String(endorsement.CredentialId),
            ["endorser_authenticator_data"] = Convert.ToBase64String(endorsement.AuthenticatorData),
            ["endorser_client_data_json"] = Convert.ToBase64String(endorsement.ClientDataJson),
            ["endorser_signature"] = Convert.ToBase64String(endorsement.Signature),
        });

    private void Approve(string requestId) =>
        ledger.Append(LedgerRecords.RequestApproved(requestId, "u-approver", 2, approver.Sign(TestStatements.Bytes(requestId: requestId))));

    private async Task<BundleVerificationResult> VerifyAsync(BundleVerifierOptions options)
    {
        var head = await ledger.SignAsync(1_764_000_300_000);
        return BundleVerifier.Verify(await ledger.BundleAsync([head]), ledger.Key.PublicKey, options);
    }
}
