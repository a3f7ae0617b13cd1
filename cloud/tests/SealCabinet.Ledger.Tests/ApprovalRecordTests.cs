using System.Security.Cryptography;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Ledger.Tests;

public sealed class ApprovalRecordTests
{
    private SoftwareAuthenticator authenticator = null!;

    [SetUp]
    public void SetUp() => authenticator = SoftwareAuthenticator.Es256();

    [TearDown]
    public void TearDown() => authenticator.Dispose();

    [Test]
    public void A_signed_approval_carries_the_statement_its_digest_and_the_raw_assertion()
    {
        var statement = TestStatements.Bytes();
        var assertion = authenticator.Sign(statement);
        var record = LedgerRecords.RequestApproved("r-7", "u-approver", 9, assertion);
        Assert.That(record.GetText("statement"), Is.EqualTo(Convert.ToBase64String(statement)));
        Assert.That(record.GetText("statement_sha256"), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(statement))));
        Assert.That(record.GetText("credential_id"), Is.EqualTo(Convert.ToBase64String(assertion.CredentialId)));
        Assert.That(record.GetText("authenticator_data"), Is.EqualTo(Convert.ToBase64String(assertion.AuthenticatorData)));
        Assert.That(record.GetText("client_data_json"), Is.EqualTo(Convert.ToBase64String(assertion.ClientDataJson)));
        Assert.That(record.GetText("signature"), Is.EqualTo(Convert.ToBase64String(assertion.Signature)));
    }

    [Test]
    public void The_assertion_read_back_from_a_signed_decision_is_the_one_recorded()
    {
        var assertion = authenticator.Sign(TestStatements.Bytes(decision: ApprovalStatements.Reject, reason: "材料不全"));
        var record = LedgerRecord.Parse(LedgerRecords.RequestRejected("r-7", "u-approver", "材料不全", 9, assertion).Bytes);
        var read = SignedStatement.FromRecord(record)!;
        Assert.That(
            new[] { read.Statement, read.CredentialId, read.AuthenticatorData, read.ClientDataJson, read.Signature },
            Is.EqualTo(new[] { assertion.Statement, assertion.CredentialId, assertion.AuthenticatorData, assertion.ClientDataJson, assertion.Signature }));
    }

    [Test]
    public void An_unsigned_decision_has_no_signature_fields_and_reads_back_as_unsigned()
    {
        var approved = LedgerRecords.RequestApproved("r-7", "u-approver", 9);
        var rejected = LedgerRecords.RequestRejected("r-7", "u-approver", "no", 9);
        Assert.That(approved.Fields.Keys, Is.EquivalentTo(new[] { "request_id", "approver_id", "at_ms" }));
        Assert.That(rejected.Fields.Keys, Is.EquivalentTo(new[] { "request_id", "approver_id", "reason", "at_ms" }));
        Assert.That(SignedStatement.FromRecord(approved), Is.Null);
        Assert.That(SignedStatement.FromRecord(rejected), Is.Null);
    }

    [Test]
    public void Reading_a_signature_from_a_record_that_is_neither_a_decision_nor_a_registration_is_refused()
    {
        Assert.That(() => SignedStatement.FromRecord(LedgerRecords.DeviceRegistered("d", "v", "u", 1)),
            Throws.ArgumentException.With.Message.Contains("'device.registered' record carries no signed statement"));
    }

    [TestCase("u-other", "u-admin", "person_id is 'u-other'")]
    [TestCase("u-approver", "u-someone", "endorser_id is 'u-someone'")]
    public void A_registration_whose_endorsement_is_about_another_registration_is_refused(string personId, string endorserId, string named)
    {
        using var passkey = SoftwareAuthenticator.Es256();
        using var admin = SoftwareAuthenticator.Es256();
        var endorsement = admin.Sign(TestStatements.Endorsement(personId, passkey, endorserId));
        Assert.That(
            () => LedgerRecords.CredentialRegistered("u-approver", passkey.CredentialId, passkey.CosePublicKey, passkey.Algorithm, "u-admin", 3, endorsement),
            Throws.ArgumentException.With.Message.Contains("the endorsement's " + named));
    }

    [TestCase("r-8", "u-approver", ApprovalStatements.Approve, "request_id is 'r-8'")]
    [TestCase("r-7", "u-other", ApprovalStatements.Approve, "approver_id is 'u-other'")]
    [TestCase("r-7", "u-approver", ApprovalStatements.Reject, "decision is 'reject'")]
    public void A_signed_approval_whose_statement_is_not_this_approval_is_refused(string requestId, string approverId, string decision, string named)
    {
        var assertion = authenticator.Sign(TestStatements.Bytes(requestId: requestId, approverId: approverId, decision: decision));
        var error = Assert.Throws<ArgumentException>(() => LedgerRecords.RequestApproved("r-7", "u-approver", 9, assertion));
        Assert.That(error!.Message, Does.Contain(named));
    }

    [Test]
    public void A_signed_rejection_whose_reason_differs_from_the_signed_one_is_refused()
    {
        var assertion = authenticator.Sign(TestStatements.Bytes(decision: ApprovalStatements.Reject, reason: "materials incomplete"));
        var error = Assert.Throws<ArgumentException>(() => LedgerRecords.RequestRejected("r-7", "u-approver", "duplicate", 9, assertion));
        Assert.That(error!.Message, Does.Contain("reason is 'materials incomplete', the entry's 'duplicate'"));
    }

    [Test]
    public void A_signed_decision_whose_statement_is_not_a_statement_is_refused()
    {
        var assertion = authenticator.Sign(LedgerRecords.RequestApproved("r-7", "u-approver", 9).Bytes);
        var error = Assert.Throws<ArgumentException>(() => LedgerRecords.RequestApproved("r-7", "u-approver", 9, assertion));
        Assert.That(error!.Message, Does.Contain("not a canonical approval statement"));
    }

    [Test]
    public void A_decision_record_with_only_part_of_a_signature_is_refused_naming_what_is_missing()
    {
        var error = Assert.Throws<ArgumentException>(() => LedgerRecord.Create(LedgerRecordKinds.RequestApproved, new Dictionary<string, object>
        {
            ["request_id"] = "r-7",
            ["approver_id"] = "u-approver",
            ["at_ms"] = 9,
            ["signature"] = "AQID",
        }));
        Assert.That(error!.Message, Does.Contain("carries a signature but lacks 'statement', 'statement_sha256', 'credential_id'"));
    }

    [Test]
    public void A_decision_record_whose_statement_digest_does_not_match_the_statement_is_refused_when_parsed()
    {
        var record = LedgerRecords.RequestApproved("r-7", "u-approver", 9, authenticator.Sign(TestStatements.Bytes()));
        var digest = record.GetText("statement_sha256");
        var forged = System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(record.Bytes).Replace(digest, new string('0', 64), StringComparison.Ordinal));
        var error = Assert.Throws<FormatException>(() => LedgerRecord.Parse(forged));
        Assert.That(error!.Message, Does.Contain("'statement_sha256' is 0000"));
    }

    [Test]
    public void A_credential_registration_carries_the_person_the_cose_key_and_its_algorithm()
    {
        var record = LedgerRecords.CredentialRegistered("u-approver", authenticator.CredentialId, authenticator.CosePublicKey, -7, "u-admin", 3);
        Assert.That(record.Kind, Is.EqualTo("person.credential.registered"));
        Assert.That(record.GetText("person_id"), Is.EqualTo("u-approver"));
        Assert.That(record.GetText("credential_id"), Is.EqualTo(Convert.ToBase64String(authenticator.CredentialId)));
        Assert.That(record.GetText("public_key"), Is.EqualTo(Convert.ToBase64String(authenticator.CosePublicKey)));
        Assert.That(record.GetInteger("algorithm"), Is.EqualTo(-7));
        Assert.That(record.GetText("enrolled_by"), Is.EqualTo("u-admin"));
    }

    [Test]
    public void A_credential_registration_whose_algorithm_differs_from_the_key_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LedgerRecords.CredentialRegistered("u-approver", authenticator.CredentialId, authenticator.CosePublicKey, -257, "u-admin", 3));
        Assert.That(error!.Message, Does.Contain("algorithm is -257 but the COSE key says -7"));
    }

    [Test]
    public void A_credential_registration_with_a_malformed_key_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LedgerRecords.CredentialRegistered("u-approver", authenticator.CredentialId, authenticator.CosePublicKey[..^1], -7, "u-admin", 3));
        Assert.That(error!.Message, Does.Contain("not a usable COSE key"));
    }

    [Test]
    public void A_credential_registration_with_an_empty_credential_id_is_refused()
    {
        Assert.That(() => LedgerRecords.CredentialRegistered("u-approver", [], authenticator.CosePublicKey, -7, "u-admin", 3),
            Throws.ArgumentException.With.Message.Contains("credential id is empty"));
    }

    [Test]
    public void A_credential_of_an_algorithm_the_verifier_does_not_check_can_still_be_registered()
    {
        var es384 = SoftwareAuthenticator.Cose(w =>
        {
            w.WriteInt32(1);
            w.WriteInt32(2);
            w.WriteInt32(3);
            w.WriteInt32(-35);
        });
        Assert.That(LedgerRecords.CredentialRegistered("u-approver", [1], es384, -35, "u-admin", 3).GetInteger("algorithm"), Is.EqualTo(-35));
    }

    [Test]
    public void A_credential_revocation_names_the_person_the_credential_and_who_revoked_it()
    {
        var record = LedgerRecords.CredentialRevoked("u-approver", authenticator.CredentialId, "u-admin", "phone lost", 4);
        Assert.That(
            (record.Kind, record.GetText("person_id"), record.GetText("credential_id"), record.GetText("by_user_id"), record.GetText("reason")),
            Is.EqualTo(("person.credential.revoked", "u-approver", Convert.ToBase64String(authenticator.CredentialId), "u-admin", "phone lost")));
    }

    [Test]
    public void The_worked_example_entries_of_the_supervision_document_have_these_bytes_and_leaf_hashes()
    {
        using var passkey = WorkedExample.Authenticator();
        var registration = LedgerRecords.CredentialRegistered(
            "u-approver-7", WorkedExample.CredentialId, passkey.CosePublicKey, -7, "u-admin-1", 1_763_900_000_000, WorkedExample.EndorsementAssertion());
        var approval = LedgerRecords.RequestApproved("r-2025-0042", "u-approver-7", 1_764_000_001_000, WorkedExample.Assertion());
        Assert.That(
            System.Text.Encoding.UTF8.GetString(registration.Bytes),
            Is.EqualTo("{\"algorithm\":-7,\"at_ms\":1763900000000,\"credential_id\":\"EBESExQVFhcYGRobHB0eHw==\"," +
                "\"endorsement\":\"" + Convert.ToBase64String(WorkedExample.Endorsement()) + "\"," +
                "\"endorsement_sha256\":\"96eba9ed7f1fb30db3b653b3757e014fe6c0a42ba0967a605f500bc39e586882\"," +
                "\"endorser_authenticator_data\":\"VSV6cEvBT6hTgSxW/jyZiq9M2OTiVcv9Fc/05KcI/64FAAAAAw==\"," +
                "\"endorser_client_data_json\":\"eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoibHV1cDdYOGZzdzJ6dGxPemRYNEJULWJBcEN1Z2xucGdYMUFMdzU1WWFJSSIsIm9yaWdpbiI6Imh0dHBzOi8vc2VhbC5leGFtcGxlIiwiY3Jvc3NPcmlnaW4iOmZhbHNlfQ==\"," +
                "\"endorser_credential_id\":\"ICEiIyQlJicoKSorLC0uLw==\"," +
                "\"endorser_signature\":\"MEYCIQCr7JrMSOHh9CTFHmkaHYwp5dvrqFH7dj2/Q6NCXrJ5MgIhAIEXW5isCsYl39rqrlOMurXPtwC8F65jrwL+2naN+Kzm\"," +
                "\"enrolled_by\":\"u-admin-1\",\"kind\":\"person.credential.registered\",\"person_id\":\"u-approver-7\"," +
                "\"public_key\":\"pQECAyYgASFYIKUcZaUTOomIz+Ci4TW3lTxuMHJoHduvDbSj0CcLfyb6IlggyO41FpF2XXcSY0+JU6M9P0JKIWtQeoX+/2AiiwSgNdM=\"}"));
        Assert.That(Convert.ToHexStringLower(registration.LeafHash()), Is.EqualTo("adc223041f75c03b8a9c9fa81b92aaeebe53ae6de77e9bb9ecfaaebf67b2e4c4"));
        Assert.That(approval.GetText("statement_sha256"), Is.EqualTo("35ea4473a7478449fcea5e2e999e99abfb7a4e100e8fc7ace2e5f041a313cc65"));
        Assert.That(Convert.ToHexStringLower(approval.LeafHash()), Is.EqualTo("374bead84c8cbe884d1432f493b460e829add626f9df86556005d8b47467593a"));
    }

    [Test]
    public void The_worked_example_endorsement_of_the_supervision_document_has_these_bytes()
    {
        var statement = WorkedExample.Endorsement();
        Assert.That(
            System.Text.Encoding.UTF8.GetString(statement),
            Is.EqualTo("{\"algorithm\":-7,\"at_ms\":1763900000000,\"credential_id\":\"EBESExQVFhcYGRobHB0eHw==\",\"endorser_id\":\"u-admin-1\"," +
                "\"kind\":\"credential.endorsement\",\"nonce\":\"MDEyMzQ1Njc4OTo7PD0+Pw==\",\"person_id\":\"u-approver-7\"," +
                "\"public_key_sha256\":\"1ae2ab03d1b1eee58c0402763baa22c307113c3d280973af41cd263626ed6d3c\"}"));
        Assert.That(statement, Has.Length.EqualTo(288));
        Assert.That(Convert.ToHexStringLower(ApprovalStatements.Challenge(statement)), Is.EqualTo("96eba9ed7f1fb30db3b653b3757e014fe6c0a42ba0967a605f500bc39e586882"));
    }
}
