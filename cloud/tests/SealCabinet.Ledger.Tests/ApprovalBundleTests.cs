using Google.Protobuf;
using Contract = SealCabinet.Contracts.V1;
using System.Security.Cryptography;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Bundles;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Ledger.Tests;

public sealed class ApprovalBundleTests
{
    private static readonly BundleVerifierOptions Checked = new()
    {
        RelyingPartyId = SoftwareAuthenticator.RpId,
        AllowedOrigins = [SoftwareAuthenticator.Origin],
    };

    private TestLedger ledger = null!;
    private SoftwareAuthenticator phone = null!;

    [SetUp]
    public void SetUp()
    {
        ledger = new TestLedger(0);
        phone = SoftwareAuthenticator.Es256();
    }

    [TearDown]
    public void TearDown()
    {
        phone.Dispose();
        ledger.Dispose();
    }

    [TestCase("ES256")]
    [TestCase("RS256")]
    [TestCase("EdDSA")]
    public async Task A_signed_approval_by_the_approvers_registered_credential_is_valid_and_backs_its_grant(string algorithm)
    {
        using var authenticator = algorithm switch
        {
            "ES256" => SoftwareAuthenticator.Es256(),
            "RS256" => SoftwareAuthenticator.Rs256(),
            _ => SoftwareAuthenticator.EdDsa(),
        };
        Register("u-approver", authenticator);
        Approve("r-1", "u-approver", authenticator);
        Grant("r-1");
        var result = await VerifyAsync(Checked);
        Assert.That(result.Failures, Is.Empty);
        Assert.That(result.Approvals.Select(a => (a.EntryIndex, a.Status, a.CredentialEntryIndex)), Is.EqualTo(new[] { (1UL, ApprovalStatus.Valid, (ulong?)0) }));
        Assert.That(result.Grants.Select(g => (g.EntryIndex, g.Status, g.ApprovalEntryIndex)), Is.EqualTo(new[] { (2UL, GrantApprovalStatus.SignedApproval, (ulong?)1) }));
    }

    [Test]
    public async Task A_grant_that_names_its_signed_approvals_by_digest_verifies_and_one_naming_other_approvals_fails()
    {
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        Approve("r-2", "u-approver", phone);
        var r1 = SHA256.HashData(TestStatements.Bytes(requestId: "r-1", approverId: "u-approver"));
        var r2 = SHA256.HashData(TestStatements.Bytes(requestId: "r-2", approverId: "u-approver"));
        ledger.Append(LedgerRecords.GrantIssued("r-1", "d-1", 1, 1, 1, 99, SHA256.HashData("doc"u8), 3, SHA256.HashData(r1)));
        ledger.Append(LedgerRecords.GrantIssued("r-2", "d-1", 1, 2, 1, 99, SHA256.HashData("doc"u8), 3, SHA256.HashData(r1)));

        var result = await VerifyAsync(Checked);

        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.GrantApprovalDigestMismatch, (ulong?)4) }),
            "the second grant names the first request's approval, not its own");
        Assert.That(result.Failures.Single().Message, Does.Contain(Convert.ToHexStringLower(SHA256.HashData(r2))));
    }

    [Test]
    public async Task A_stamping_is_judged_by_its_grants_approval_and_one_on_an_unsigned_grant_fails_when_signatures_are_required()
    {
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        var signedDigest = SHA256.HashData(SHA256.HashData(TestStatements.Bytes(requestId: "r-1", approverId: "u-approver")));
        ledger.Append(LedgerRecords.GrantIssued("r-1", "d-1", 2, 1, 1, 99, SHA256.HashData("doc"u8), 3, signedDigest));
        ledger.Append(CabinetEvent(10, Contract.EventType.GrantAccepted, 1, signedDigest));
        ledger.Append(CabinetEvent(11, Contract.EventType.SleeveUnlocked, 1));
        ledger.Append(LedgerRecords.RequestApproved("r-2", "u-approver", 4));
        ledger.Append(LedgerRecords.GrantIssued("r-2", "d-1", 2, 2, 1, 99, SHA256.HashData("doc"u8), 5));
        ledger.Append(CabinetEvent(12, Contract.EventType.SleeveUnlocked, 2));
        ledger.Append(CabinetEvent(13, Contract.EventType.SleeveUnlocked, 9));

        var result = await VerifyAsync(new BundleVerifierOptions
        {
            RelyingPartyId = SoftwareAuthenticator.RpId,
            AllowedOrigins = [SoftwareAuthenticator.Origin],
            RequireSignedApprovals = true,
        });

        Assert.That(result.Stampings.Select(s => (s.EntryIndex, s.GrantCounter, s.RequestId, s.Status)), Is.EqualTo(new[]
        {
            (4UL, 1UL, "r-1", GrantApprovalStatus.SignedApproval),
            (7UL, 2UL, "r-2", GrantApprovalStatus.NoSignedApproval),
            (8UL, 9UL, "", GrantApprovalStatus.NoSignedApproval),
        }));
        Assert.That(result.Failures.Where(f => f.Kind == BundleFailureKind.StampingWithoutSignedApproval).Select(f => f.EntryIndex),
            Is.EqualTo(new ulong?[] { 7, 8 }));
    }

    [Test]
    public async Task A_cabinet_that_accepted_a_grant_with_another_approval_digest_is_named()
    {
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        var signedDigest = SHA256.HashData(SHA256.HashData(TestStatements.Bytes(requestId: "r-1", approverId: "u-approver")));
        ledger.Append(LedgerRecords.GrantIssued("r-1", "d-1", 2, 1, 1, 99, SHA256.HashData("doc"u8), 3, signedDigest));
        ledger.Append(CabinetEvent(10, Contract.EventType.GrantAccepted, 1, SHA256.HashData("another approval"u8)));

        var result = await VerifyAsync(Checked);

        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.StampingWithoutSignedApproval, (ulong?)3) }));
        Assert.That(result.Failures.Single().Message, Does.Contain(Convert.ToHexStringLower(signedDigest)));
    }

    [Test]
    public async Task A_valid_approval_names_its_credential_statement_digest_and_sign_count()
    {
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        var approval = (await VerifyAsync(Checked)).Approvals.Single();
        Assert.That(approval.CredentialId, Is.EqualTo(Convert.ToBase64String(phone.CredentialId)));
        Assert.That(approval.StatementSha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(TestStatements.Bytes(requestId: "r-1")))));
        Assert.That(approval.SignCount, Is.EqualTo(phone.Counter));
        Assert.That(approval.Detail, Is.EqualTo($"signed by credential {approval.CredentialId} registered at entry 0; sign count 2"), "the root endorsement used 1");
    }

    [Test]
    public async Task A_signed_rejection_by_the_approvers_registered_credential_is_valid()
    {
        Register("u-approver", phone);
        var statement = TestStatements.Bytes(requestId: "r-1", decision: ApprovalStatements.Reject, reason: "材料不全");
        ledger.Append(LedgerRecords.RequestRejected("r-1", "u-approver", "材料不全", 2, phone.Sign(statement)));
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Select(a => (a.Kind, a.Status)), Is.EqualTo(new[] { ("request.rejected", ApprovalStatus.Valid) }));
    }

    [Test]
    public async Task Both_signatures_of_a_two_approver_matter_are_checked_each_against_its_own_credential()
    {
        using var second = SoftwareAuthenticator.Es256();
        Register("u-approver", phone);
        Register("u-director", second);
        Approve("r-1", "u-approver", phone);
        Approve("r-1", "u-director", second);
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Select(a => (a.ApproverId, a.Status, a.CredentialEntryIndex)),
            Is.EqualTo(new[] { ("u-approver", ApprovalStatus.Valid, (ulong?)0), ("u-director", ApprovalStatus.Valid, (ulong?)1) }));
    }

    [Test]
    public async Task An_approval_signed_with_a_credential_never_registered_is_invalid_and_a_failure()
    {
        Approve("r-1", "u-approver", phone);
        Grant("r-1");
        var result = await VerifyAsync(Checked);
        var credential = Convert.ToBase64String(phone.CredentialId);
        Assert.That(result.Approvals.Select(a => (a.Status, a.Detail)),
            Is.EqualTo(new[] { (ApprovalStatus.Invalid, $"credential {credential} was never registered to u-approver before this entry") }));
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.InvalidApprovalSignature, (ulong?)0) }));
        Assert.That(result.Grants.Single().Status, Is.EqualTo(GrantApprovalStatus.NoSignedApproval));
    }

    [Test]
    public async Task A_credential_registered_only_after_the_approval_does_not_make_it_valid()
    {
        Approve("r-1", "u-approver", phone);
        Register("u-approver", phone);
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Single().Status, Is.EqualTo(ApprovalStatus.Invalid));
        Assert.That(result.Approvals.Single().Detail, Does.EndWith("was never registered to u-approver before this entry"));
    }

    [Test]
    public async Task An_approval_signed_with_a_credential_registered_to_another_person_is_invalid()
    {
        Register("u-other", phone);
        Approve("r-1", "u-approver", phone);
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Single().Detail,
            Is.EqualTo($"credential {Convert.ToBase64String(phone.CredentialId)} is registered to u-other (entry 0), not to the approver u-approver"));
        Assert.That(result.Failures.Select(f => f.Kind), Is.EqualTo(new[] { BundleFailureKind.InvalidApprovalSignature }));
    }

    [Test]
    public async Task An_approval_made_after_its_credential_was_revoked_is_invalid_while_the_earlier_one_stays_valid()
    {
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        ledger.Append(LedgerRecords.CredentialRevoked("u-approver", phone.CredentialId, "u-admin", "phone lost", 3));
        Approve("r-2", "u-approver", phone);
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Select(a => (a.EntryIndex, a.Status)),
            Is.EqualTo(new[] { (1UL, ApprovalStatus.Valid), (3UL, ApprovalStatus.Invalid) }));
        Assert.That(result.Approvals[1].Detail, Is.EqualTo($"credential {Convert.ToBase64String(phone.CredentialId)} of u-approver was revoked at entry 2"));
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.InvalidApprovalSignature, (ulong?)3) }));
    }

    [Test]
    public async Task A_credential_registered_again_after_its_revocation_signs_again()
    {
        Register("u-approver", phone);
        ledger.Append(LedgerRecords.CredentialRevoked("u-approver", phone.CredentialId, "u-admin", "phone lost", 3));
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Select(a => (a.Status, a.CredentialEntryIndex)), Is.EqualTo(new[] { (ApprovalStatus.Valid, (ulong?)2) }));
    }

    [Test]
    public async Task A_registration_whose_algorithm_is_not_its_keys_makes_its_approvals_invalid()
    {
        ledger.Append(LedgerRecord.Create(LedgerRecordKinds.PersonCredentialRegistered, new Dictionary<string, object>
        {
            ["person_id"] = "u-approver",
            ["credential_id"] = Convert.ToBase64String(phone.CredentialId),
            ["public_key"] = Convert.ToBase64String(phone.CosePublicKey),
            ["algorithm"] = -257,
            ["enrolled_by"] = "u-admin",
            ["at_ms"] = 1,
        }));
        Approve("r-1", "u-approver", phone);
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Single().Detail, Is.EqualTo("the registration at entry 0 says algorithm -257 but its key is -7"));
    }

    [Test]
    public async Task An_unsigned_approval_and_its_grant_are_reported_but_are_not_failures_by_default()
    {
        ledger.Append(LedgerRecords.RequestApproved("r-1", "u-approver", 2));
        Grant("r-1");
        var result = await VerifyAsync(Checked);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Approvals.Select(a => (a.Status, a.CredentialId)), Is.EqualTo(new[] { (ApprovalStatus.Unsigned, "") }));
        Assert.That(result.Grants.Select(g => (g.Status, g.ApprovalEntryIndex)), Is.EqualTo(new[] { (GrantApprovalStatus.NoSignedApproval, (ulong?)null) }));
    }

    [Test]
    public async Task When_signatures_are_required_an_unsigned_approval_and_its_grant_are_failures()
    {
        ledger.Append(LedgerRecords.RequestApproved("r-1", "u-approver", 2));
        Grant("r-1");
        var result = await VerifyAsync(new BundleVerifierOptions
        {
            RelyingPartyId = SoftwareAuthenticator.RpId,
            AllowedOrigins = [SoftwareAuthenticator.Origin],
            RequireSignedApprovals = true,
        });
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)),
            Is.EqualTo(new[] { (BundleFailureKind.UnsignedApproval, (ulong?)0), (BundleFailureKind.GrantWithoutSignedApproval, (ulong?)1) }));
    }

    [Test]
    public async Task A_grant_whose_request_has_no_approval_at_all_is_reported()
    {
        Grant("r-1");
        var grant = (await VerifyAsync(Checked)).Grants.Single();
        Assert.That((grant.Status, grant.Detail),
            Is.EqualTo((GrantApprovalStatus.NoSignedApproval, "no approval of request r-1 with a signature that verifies precedes this grant")));
    }

    [Test]
    public async Task A_grant_issued_before_its_signed_approval_is_not_backed_by_it()
    {
        Register("u-approver", phone);
        Grant("r-1");
        Approve("r-1", "u-approver", phone);
        var result = await VerifyAsync(Checked);
        Assert.That(result.Grants.Single().Status, Is.EqualTo(GrantApprovalStatus.NoSignedApproval));
    }

    [Test]
    public async Task A_grant_for_another_request_than_the_signed_one_is_not_backed_by_it()
    {
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        Grant("r-2");
        var result = await VerifyAsync(Checked);
        Assert.That(result.Grants.Single().Status, Is.EqualTo(GrantApprovalStatus.NoSignedApproval));
    }

    [Test]
    public async Task Without_rp_id_and_origins_a_signed_approval_is_reported_as_not_fully_checked_rather_than_valid()
    {
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        Grant("r-1");
        var result = await VerifyAsync(new BundleVerifierOptions());
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Approvals.Single().Status, Is.EqualTo(ApprovalStatus.NotFullyChecked));
        Assert.That(result.Approvals.Single().Detail, Does.EndWith("verifies; not checked: rpIdHash (no relying-party id given), origin (no allowed origins given)"));
        Assert.That(result.Grants.Single().Status, Is.EqualTo(GrantApprovalStatus.ApprovalNotFullyChecked));
    }

    [Test]
    public async Task The_verifier_without_options_checks_approvals_as_far_as_it_can()
    {
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        var bundle = await ledger.BundleAsync([await ledger.SignAsync(1_764_000_300_000)]);
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey);
        Assert.That(result.Approvals.Single().Status, Is.EqualTo(ApprovalStatus.NotFullyChecked));
    }

    [Test]
    public async Task An_approval_made_on_another_origin_is_invalid_when_origins_are_given_and_not_fully_checked_when_they_are_not()
    {
        Register("u-approver", phone);
        var statement = TestStatements.Bytes(requestId: "r-1");
        ledger.Append(LedgerRecords.RequestApproved("r-1", "u-approver", 2, phone.Sign(statement, origin: "https://evil.example")));
        var strict = await VerifyAsync(Checked);
        var lenient = await VerifyAsync(new BundleVerifierOptions { RelyingPartyId = SoftwareAuthenticator.RpId });
        Assert.That((strict.Approvals.Single().Status, strict.Approvals.Single().Detail),
            Is.EqualTo((ApprovalStatus.Invalid, "origin https://evil.example is not allowed")));
        Assert.That(lenient.Approvals.Single().Status, Is.EqualTo(ApprovalStatus.NotFullyChecked));
        Assert.That(lenient.Approvals.Single().Detail, Does.EndWith("not checked: origin (no allowed origins given)"));
    }

    [Test]
    public async Task An_approval_made_without_user_verification_is_invalid_unless_the_verifier_allows_it()
    {
        Register("u-approver", phone);
        var statement = TestStatements.Bytes(requestId: "r-1");
        ledger.Append(LedgerRecords.RequestApproved("r-1", "u-approver", 2, phone.Sign(statement, flags: WebAuthnVerifier.UserPresent)));
        var strict = await VerifyAsync(Checked);
        var lenient = await VerifyAsync(new BundleVerifierOptions
        {
            RelyingPartyId = SoftwareAuthenticator.RpId,
            AllowedOrigins = [SoftwareAuthenticator.Origin],
            RequireUserVerification = false,
        });
        Assert.That(strict.Approvals.Single().Detail, Is.EqualTo("user verification flag not set"));
        Assert.That(lenient.Approvals.Single().Status, Is.EqualTo(ApprovalStatus.Valid));
    }

    [Test]
    public async Task An_entry_carrying_the_signed_statement_of_another_request_is_invalid()
    {
        Register("u-approver", phone);
        ledger.Append(Forged(LedgerRecordKinds.RequestApproved, "r-2", phone.Sign(TestStatements.Bytes(requestId: "r-1"))));
        Grant("r-2");
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Single().Detail, Is.EqualTo("the signed statement's request_id is 'r-1' but the entry's is 'r-2'"));
        Assert.That(result.Grants.Single().Status, Is.EqualTo(GrantApprovalStatus.NoSignedApproval));
    }

    [Test]
    public async Task An_approval_entry_carrying_a_signed_rejection_is_invalid()
    {
        Register("u-approver", phone);
        var rejection = TestStatements.Bytes(requestId: "r-1", decision: ApprovalStatements.Reject, reason: "no");
        ledger.Append(Forged(LedgerRecordKinds.RequestApproved, "r-1", phone.Sign(rejection)));
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Single().Detail, Is.EqualTo("the signed statement's decision is 'reject' but the entry's is 'approve'"));
    }

    [Test]
    public async Task An_approval_whose_signature_was_altered_in_the_ledger_is_invalid()
    {
        Register("u-approver", phone);
        var assertion = phone.Sign(TestStatements.Bytes(requestId: "r-1"));
        var signature = assertion.Signature.ToArray();
        signature[^1] ^= 0x01;
        ledger.Append(Forged(LedgerRecordKinds.RequestApproved, "r-1", assertion with { Signature = signature }));
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Single().Detail, Is.EqualTo("signature does not verify"));
        Assert.That(result.Failures.Select(f => f.Kind), Is.EqualTo(new[] { BundleFailureKind.InvalidApprovalSignature }));
    }

    [Test]
    public async Task A_signed_statement_recorded_twice_is_invalid_the_second_time()
    {
        Register("u-approver", phone);
        var assertion = phone.Sign(TestStatements.Bytes(requestId: "r-1"));
        ledger.Append(LedgerRecords.RequestApproved("r-1", "u-approver", 2, assertion));
        ledger.Append(LedgerRecords.RequestApproved("r-1", "u-approver", 3, assertion));
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Select(a => a.Status), Is.EqualTo(new[] { ApprovalStatus.Valid, ApprovalStatus.Invalid }));
        Assert.That(result.Approvals[1].Detail, Is.EqualTo("the same signed statement was already recorded at entry 1"));
    }

    [Test]
    public async Task A_sign_count_that_does_not_grow_is_invalid()
    {
        Register("u-approver", phone);
        phone.Counter = 10;
        Approve("r-1", "u-approver", phone);
        phone.Counter = 3;
        Approve("r-2", "u-approver", phone);
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals[1].Detail, Is.EqualTo("sign count 4 does not exceed 11 of entry 1: a cloned authenticator or a replayed assertion"));
    }

    [Test]
    public async Task An_authenticator_that_keeps_no_counter_signs_valid_approvals_with_sign_count_zero()
    {
        phone.KeepsNoCounter = true;
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        Approve("r-2", "u-approver", phone);
        var result = await VerifyAsync(Checked);
        Assert.That(result.Approvals.Select(a => (a.Status, a.SignCount)), Is.EqualTo(new[] { (ApprovalStatus.Valid, 0u), (ApprovalStatus.Valid, 0u) }));
    }

    [Test]
    public async Task In_a_bundle_starting_after_the_registration_an_approval_is_not_fully_checked()
    {
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        var head = await ledger.SignAsync(1_764_000_300_000);
        var bundle = await AuditBundleWriter.CreateAsync(ledger.Tree, ledger.Key.PublicKey, [head], ledger.Rows.Skip(1).ToList());
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey, Checked);
        Assert.That(result.Approvals.Single().Status, Is.EqualTo(ApprovalStatus.NotFullyChecked));
        Assert.That(result.Approvals.Single().Detail, Does.Contain("not registered in the bundle, which starts at entry 1"));
    }

    [Test]
    public async Task A_decision_whose_record_was_changed_is_a_record_mismatch_and_is_left_out_of_the_approvals()
    {
        Register("u-approver", phone);
        Approve("r-1", "u-approver", phone);
        var head = await ledger.SignAsync(1_764_000_300_000);
        ledger.Rows[1] = ledger.Rows[1] with { Record = LedgerRecords.RequestApproved("r-1", "u-approver", 2).Bytes };
        var result = BundleVerifier.Verify(await ledger.BundleAsync([head]), ledger.Key.PublicKey, Checked);
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.RecordMismatch, (ulong?)1) }));
        Assert.That(result.Approvals, Is.Empty);
    }

    private static LedgerRecord Forged(string kind, string requestId, SignedStatement signature) =>
        LedgerRecord.Create(kind, new Dictionary<string, object>
        {
            ["request_id"] = requestId,
            ["approver_id"] = "u-approver",
            ["at_ms"] = 2,
            ["statement"] = Convert.ToBase64String(signature.Statement),
            ["statement_sha256"] = Convert.ToHexStringLower(SHA256.HashData(signature.Statement)),
            ["credential_id"] = Convert.ToBase64String(signature.CredentialId),
            ["authenticator_data"] = Convert.ToBase64String(signature.AuthenticatorData),
            ["client_data_json"] = Convert.ToBase64String(signature.ClientDataJson),
            ["signature"] = Convert.ToBase64String(signature.Signature),
        });

    /// <summary>A device.event entry of cabinet d-1 whose SignedEvent is encoded with the contract's own code.</summary>
    private static LedgerRecord CabinetEvent(long seq, Contract.EventType type, ulong grantCounter, byte[]? approvalDigest = null)
    {
        var e = new Contract.DeviceEvent { Seq = (ulong)seq, Type = type, Sleeve = 2, GrantCounter = grantCounter, DeviceId = "d-1" };
        if (approvalDigest is not null)
        {
            e.ApprovalDigest = Google.Protobuf.ByteString.CopyFrom(approvalDigest);
        }

        var signed = new Contract.SignedEvent { Event = e.ToByteString(), Mac = Google.Protobuf.ByteString.CopyFrom(new byte[32]) };
        return LedgerRecords.DeviceEvent("d-1", 1, seq, signed.ToByteArray());
    }

    /// <summary>Registers the passkey as a root (it endorses itself), so that its standing does not depend on another entry.</summary>
    private void Register(string personId, SoftwareAuthenticator authenticator) => ledger.Append(TestStatements.Registration(personId, authenticator));

    private void Approve(string requestId, string approverId, SoftwareAuthenticator authenticator) =>
        ledger.Append(LedgerRecords.RequestApproved(requestId, approverId, 2, authenticator.Sign(TestStatements.Bytes(requestId: requestId, approverId: approverId))));

    private void Grant(string requestId) => ledger.Append(LedgerRecords.GrantIssued(requestId, "d-1", 1, 1, 1, 99, SHA256.HashData("doc"u8), 3));

    private async Task<BundleVerificationResult> VerifyAsync(BundleVerifierOptions options)
    {
        var head = await ledger.SignAsync(1_764_000_300_000);
        return BundleVerifier.Verify(await ledger.BundleAsync([head]), ledger.Key.PublicKey, options);
    }
}
