using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Records;
using SealCabinet.Passkeys.Software;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// Decisions signed by the approver's own passkey (Approvals:RequireSignature on): the statement, the assertion's
/// verification before anything is recorded, the ledger entry that carries both, and every way a signature can be wrong.
/// </summary>
[TestFixture]
public sealed class DecisionSignatureTests
{
    private CloudServiceHost _host = null!;
    private Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _host = await CloudServiceHost.StartAsync("signing", new Dictionary<string, string?> { ["Approvals:RequireSignature"] = "true" });

    [SetUp]
    public async Task NewVillageAsync() => _village = await Village.CreateUniqueAsync(_host, "qianming");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task An_approval_signed_with_the_approvers_passkey_issues_the_grant_and_the_ledger_entry_verifies_offline()
    {
        using var passkey = new SoftwarePasskey();
        var approver = await EnrolledApproverAsync("wang", passkey);
        var request = await _village.SubmitAsync();

        var begun = await approver.Requests.BeginDecisionSignatureAsync(
            new BeginDecisionSignatureRequest { RequestId = request.RequestId, Decision = DecisionKind.Approve, Comment = "同意" });
        var approved = await approver.Requests.ApproveRequestAsync(new ApproveRequestRequest
        {
            RequestId = request.RequestId,
            Comment = "同意",
            Signature = new DecisionSignature { CeremonyId = begun.CeremonyId, CredentialJson = passkey.Authenticate(begun.OptionsJson) },
        });

        Assert.That(approved.Grant, Is.Not.Null);
        var decision = approved.Request.Decisions.Single();
        Assert.That(decision.Signed, Is.True);
        Assert.That(decision.StatementSha256.ToByteArray(), Is.EqualTo(SHA256.HashData(begun.Statement.ToByteArray())));
        Assert.That(decision.CredentialId.ToByteArray(), Is.EqualTo(passkey.CredentialId));
        var statement = LedgerRecord.Parse(begun.Statement.Span);
        Assert.That(statement.GetText("request_id"), Is.EqualTo(request.RequestId));
        Assert.That(statement.GetText("decision"), Is.EqualTo("approve"));
        Assert.That(statement.GetText("approver_id"), Is.EqualTo(approver.PersonId));

        var registered = (await LedgerRecordsAsync()).Single(r => r.Kind == LedgerRecordKinds.PersonCredentialRegistered && r.GetText("person_id") == approver.PersonId);
        Assert.That(Convert.FromBase64String(registered.GetText("public_key")), Is.EqualTo(passkey.CosePublicKey), "the ledger holds the key that verifies");
        Assert.That(registered.GetInteger("algorithm"), Is.EqualTo(-7));
        Assert.That(registered.GetText("enrolled_by"), Is.EqualTo(Village.RootAdministratorId), "the administrator who endorsed the passkey");
        var grantEntry = await LedgerEntryAsync(LedgerRecordKinds.GrantIssued, request.RequestId);
        Assert.That(grantEntry.GetText("approval_sha256"), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(SHA256.HashData(begun.Statement.ToByteArray())))),
            "the grant names the signed approval it came from");

        var entry = await LedgerEntryAsync(LedgerRecordKinds.RequestApproved, request.RequestId);
        var signed = new SignedStatement(
            Convert.FromBase64String(entry.GetText("statement")), Convert.FromBase64String(entry.GetText("credential_id")),
            Convert.FromBase64String(entry.GetText("authenticator_data")), Convert.FromBase64String(entry.GetText("client_data_json")),
            Convert.FromBase64String(entry.GetText("signature")));
        Assert.That(signed.Statement, Is.EqualTo(begun.Statement.ToByteArray()));
        var check = WebAuthnVerifier.Verify(passkey.CosePublicKey, signed, "localhost", ["http://localhost"]);
        Assert.That(check.Failure, Is.Empty);
        Assert.That(check.Valid, Is.True, "anyone with the registered public key verifies the ledger entry");
    }

    [Test]
    public async Task An_approval_without_a_signature_is_refused_naming_the_field_and_changes_nothing()
    {
        var request = await _village.SubmitAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("signature: is required"));
        await AssertUndecidedAsync(request.RequestId);
    }

    [Test]
    public async Task A_signature_made_for_another_request_is_refused_and_changes_nothing()
    {
        using var passkey = new SoftwarePasskey();
        var approver = await EnrolledApproverAsync("li", passkey);
        var first = await _village.SubmitAsync();
        var second = await _village.SubmitAsync();
        var begun = await approver.Requests.BeginDecisionSignatureAsync(new BeginDecisionSignatureRequest { RequestId = first.RequestId, Decision = DecisionKind.Approve });

        var error = Assert.ThrowsAsync<RpcException>(async () => await approver.Requests.ApproveRequestAsync(new ApproveRequestRequest
        {
            RequestId = second.RequestId,
            Signature = new DecisionSignature { CeremonyId = begun.CeremonyId, CredentialJson = passkey.Authenticate(begun.OptionsJson) },
        }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.Status.Detail, Does.StartWith("signature.ceremony_id: "));
        await AssertUndecidedAsync(second.RequestId);
    }

    [Test]
    public async Task A_statement_signed_as_an_approval_cannot_be_sent_as_a_rejection()
    {
        using var passkey = new SoftwarePasskey();
        var approver = await EnrolledApproverAsync("zhou", passkey);
        var request = await _village.SubmitAsync();
        var begun = await approver.Requests.BeginDecisionSignatureAsync(new BeginDecisionSignatureRequest { RequestId = request.RequestId, Decision = DecisionKind.Approve });

        var error = Assert.ThrowsAsync<RpcException>(async () => await approver.Requests.RejectRequestAsync(new RejectRequestRequest
        {
            RequestId = request.RequestId,
            Comment = "材料不全",
            Signature = new DecisionSignature { CeremonyId = begun.CeremonyId, CredentialJson = passkey.Authenticate(begun.OptionsJson) },
        }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.Contain("does not describe this decision"));
        await AssertUndecidedAsync(request.RequestId);
    }

    [Test]
    public async Task A_material_digest_changed_in_the_database_after_the_statement_was_shown_makes_the_signature_refused()
    {
        using var passkey = new SoftwarePasskey();
        var approver = await EnrolledApproverAsync("he", passkey);
        var request = await _village.SubmitAsync();
        var begun = await approver.Requests.BeginDecisionSignatureAsync(new BeginDecisionSignatureRequest { RequestId = request.RequestId, Decision = DecisionKind.Approve });
        var signature = new DecisionSignature { CeremonyId = begun.CeremonyId, CredentialJson = passkey.Authenticate(begun.OptionsJson) };
        await using (var db = _host.CreateDbContext())
        {
            var id = Guid.Parse(request.RequestId);
            var swapped = await db.Materials.Where(m => m.RequestId == id && m.Ordinal == 0)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Sha256, SHA256.HashData("another page"u8.ToArray())));
            Assert.That(swapped, Is.EqualTo(1));
        }

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await approver.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId, Signature = signature }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.Contain("the request changed since it was shown"));
        await AssertUndecidedAsync(request.RequestId);
    }

    [Test]
    public async Task A_passkey_that_did_not_verify_the_user_cannot_sign()
    {
        using var passkey = new SoftwarePasskey();
        var approver = await EnrolledApproverAsync("wu", passkey);
        var request = await _village.SubmitAsync();
        var begun = await approver.Requests.BeginDecisionSignatureAsync(new BeginDecisionSignatureRequest { RequestId = request.RequestId, Decision = DecisionKind.Approve });
        passkey.VerifiesUser = false;

        var error = Assert.ThrowsAsync<RpcException>(async () => await approver.Requests.ApproveRequestAsync(new ApproveRequestRequest
        {
            RequestId = request.RequestId,
            Signature = new DecisionSignature { CeremonyId = begun.CeremonyId, CredentialJson = passkey.Authenticate(begun.OptionsJson) },
        }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.Status.Detail, Does.StartWith("signature.credential_json: the passkey signature did not verify"));
        await AssertUndecidedAsync(request.RequestId);
    }

    [Test]
    public async Task Another_persons_passkey_cannot_sign_the_approvers_statement()
    {
        using var own = new SoftwarePasskey();
        using var colleagues = new SoftwarePasskey();
        var approver = await EnrolledApproverAsync("zheng", own);
        await EnrolledApproverAsync("feng", colleagues);
        var request = await _village.SubmitAsync();
        var begun = await approver.Requests.BeginDecisionSignatureAsync(new BeginDecisionSignatureRequest { RequestId = request.RequestId, Decision = DecisionKind.Approve });

        var error = Assert.ThrowsAsync<RpcException>(async () => await approver.Requests.ApproveRequestAsync(new ApproveRequestRequest
        {
            RequestId = request.RequestId,
            Signature = new DecisionSignature { CeremonyId = begun.CeremonyId, CredentialJson = colleagues.Authenticate(begun.OptionsJson) },
        }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.Status.Detail, Does.Contain("not registered to the approver"));
        await AssertUndecidedAsync(request.RequestId);
    }

    [Test]
    public async Task A_two_approver_matter_issues_no_grant_until_the_second_signed_approval()
    {
        using var firstKey = new SoftwarePasskey();
        using var secondKey = new SoftwarePasskey();
        var first = await EnrolledApproverAsync("chen", firstKey);
        var second = await EnrolledApproverAsync("chu", secondKey);
        var request = await _village.SubmitAsync("SUBSISTENCE-ALLOWANCE");

        var once = await SignedApprovalAsync(first, firstKey, request.RequestId);
        var unsigned = Assert.ThrowsAsync<RpcException>(async () =>
            await second.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId }));
        var twice = await SignedApprovalAsync(second, secondKey, request.RequestId);

        Assert.That(once.Grant, Is.Null, "one of two signed approvals issues nothing");
        Assert.That(unsigned!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), "the second approval must be signed too");
        Assert.That(twice.Grant, Is.Not.Null);
        Assert.That(twice.Request.Decisions.Select(d => d.Signed), Is.EqualTo(new[] { true, true }));
    }

    [Test]
    public async Task An_approver_without_a_passkey_is_told_to_enrol_one()
    {
        var request = await _village.SubmitAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () => await _village.CommitteeApprover.Requests.BeginDecisionSignatureAsync(
            new BeginDecisionSignatureRequest { RequestId = request.RequestId, Decision = DecisionKind.Approve }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(error.Status.Detail, Does.Contain("no registered passkey"));
    }

    [Test]
    public async Task A_rejection_signed_by_the_approver_records_its_reason_in_the_signed_statement()
    {
        using var passkey = new SoftwarePasskey();
        var approver = await EnrolledApproverAsync("jiang", passkey);
        var request = await _village.SubmitAsync();
        var begun = await approver.Requests.BeginDecisionSignatureAsync(
            new BeginDecisionSignatureRequest { RequestId = request.RequestId, Decision = DecisionKind.Reject, Comment = "材料不全" });

        var rejected = await approver.Requests.RejectRequestAsync(new RejectRequestRequest
        {
            RequestId = request.RequestId,
            Comment = "材料不全",
            Signature = new DecisionSignature { CeremonyId = begun.CeremonyId, CredentialJson = passkey.Authenticate(begun.OptionsJson) },
        });

        Assert.That(rejected.Request.State, Is.EqualTo(RequestState.Rejected));
        Assert.That(rejected.Request.Decisions.Single().Signed, Is.True);
        var statement = LedgerRecord.Parse(begun.Statement.Span);
        Assert.That(statement.GetText("decision"), Is.EqualTo("reject"));
        Assert.That(statement.GetText("reason"), Is.EqualTo("材料不全"));
        Assert.That((await LedgerEntryAsync(LedgerRecordKinds.RequestRejected, request.RequestId)).GetText("statement"),
            Is.EqualTo(Convert.ToBase64String(begun.Statement.ToByteArray())));
    }

    [Test]
    public async Task A_revoked_passkey_cannot_sign_again_and_the_decision_it_signed_before_still_verifies()
    {
        using var passkey = new SoftwarePasskey();
        var approver = await EnrolledApproverAsync("han", passkey);
        var earlier = await _village.SubmitAsync();
        await SignedApprovalAsync(approver, passkey, earlier.RequestId);
        var later = await _village.SubmitAsync();
        var begun = await approver.Requests.BeginDecisionSignatureAsync(new BeginDecisionSignatureRequest { RequestId = later.RequestId, Decision = DecisionKind.Approve });

        var revoked = await _village.Administrator.Organization.RevokePasskeysAsync(new RevokePasskeysRequest { PersonId = approver.PersonId, Reason = "手机遗失" });
        var error = Assert.ThrowsAsync<RpcException>(async () => await approver.Requests.ApproveRequestAsync(new ApproveRequestRequest
        {
            RequestId = later.RequestId,
            Signature = new DecisionSignature { CeremonyId = begun.CeremonyId, CredentialJson = passkey.Authenticate(begun.OptionsJson) },
        }));

        Assert.That(revoked.Revoked, Is.EqualTo(1));
        var listed = (await _village.Administrator.Organization.ListPeopleAsync(new ListPeopleRequest { VillageId = _village.VillageId })).People;
        Assert.That(listed.Single(p => p.PersonId == approver.PersonId).PasskeyCount, Is.Zero, "the passkey is gone from the directory");
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied), "a signature made after the revocation is refused");
        await AssertUndecidedAsync(later.RequestId);
        var records = await LedgerRecordsAsync();
        var revocation = records.Single(r => r.Kind == LedgerRecordKinds.PersonCredentialRevoked && r.GetText("person_id") == approver.PersonId);
        Assert.That(Convert.FromBase64String(revocation.GetText("credential_id")), Is.EqualTo(passkey.CredentialId));
        Assert.That(revocation.GetText("reason"), Is.EqualTo("手机遗失"));
        var before = SignedStatement.FromRecord(await LedgerEntryAsync(LedgerRecordKinds.RequestApproved, earlier.RequestId))!;
        Assert.That(WebAuthnVerifier.Verify(passkey.CosePublicKey, before, "localhost", ["http://localhost"]).Valid, Is.True, "the earlier signature still verifies");
    }

    private async Task<ApproveRequestResponse> SignedApprovalAsync(CloudClientsWithId approver, SoftwarePasskey passkey, string requestId)
    {
        var begun = await approver.Requests.BeginDecisionSignatureAsync(new BeginDecisionSignatureRequest { RequestId = requestId, Decision = DecisionKind.Approve });
        return await approver.Requests.ApproveRequestAsync(new ApproveRequestRequest
        {
            RequestId = requestId,
            Signature = new DecisionSignature { CeremonyId = begun.CeremonyId, CredentialJson = passkey.Authenticate(begun.OptionsJson) },
        });
    }

    private async Task<CloudClientsWithId> EnrolledApproverAsync(string purpose, SoftwarePasskey passkey)
    {
        var (personId, clients) = await _village.EnrolApproverAsync(purpose, passkey);
        return new CloudClientsWithId(personId, clients);
    }

    private async Task AssertUndecidedAsync(string requestId)
    {
        var after = (await _village.Custodian.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        Assert.That(after.State, Is.EqualTo(RequestState.Submitted));
        Assert.That(after.Decisions, Is.Empty);
        Assert.That(after.Grants, Is.Empty);
    }

    private async Task<LedgerRecord> LedgerEntryAsync(string kind, string requestId) =>
        (await LedgerRecordsAsync()).Single(r => r.Kind == kind && r.GetText("request_id") == requestId);

    private Task<List<LedgerRecord>> LedgerRecordsAsync() => _host.LedgerRecordsAsync();

    private sealed record CloudClientsWithId(string PersonId, CloudClients Clients)
    {
        public Contracts.V1.Requests.RequestsClient Requests => Clients.Requests;
    }
}
