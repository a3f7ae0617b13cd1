using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

[TestFixture]
public sealed class WorkflowRulesTests
{
    private CloudServiceHost _host = null!;
    private Village _village = null!;
    private Village _otherVillage = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("workflow");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task NewVillagesAsync()
    {
        _village = await Village.CreateUniqueAsync(_host, "yiqiao");
        _otherVillage = await Village.CreateUniqueAsync(_host, "fengqiao", town: _village);
    }

    [Test]
    public async Task Approve_by_the_committee_approver_of_the_village_issues_a_grant()
    {
        var request = await _village.SubmitAsync();

        var approved = await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });

        Assert.That(approved.Request.State, Is.EqualTo(RequestState.Approved));
        Assert.That(approved.Grant, Is.Not.Null);
        Assert.That(approved.Grant.DeviceId, Is.EqualTo(_village.Cabinet.DeviceId));
        Assert.That(approved.Grant.Sleeve, Is.EqualTo(2u));
        Assert.That(approved.Grant.PressesAllowed, Is.EqualTo(2u));
        Assert.That(approved.Grant.State, Is.EqualTo(GrantState.Issued));
    }

    [Test]
    public async Task Approve_by_an_approver_of_another_seal_kind_is_denied_and_changes_nothing()
    {
        var request = await _village.SubmitAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.PartyApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.Status.Detail, Does.Contain("COMMITTEE"));
        await AssertUnchangedAsync(request.RequestId);
    }

    [Test]
    public async Task Approve_by_a_committee_approver_of_another_village_is_denied()
    {
        var request = await _village.SubmitAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _otherVillage.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        await AssertUnchangedAsync(request.RequestId);
    }

    [Test]
    public async Task Approve_by_a_committee_approver_of_the_town_is_allowed()
    {
        var request = await _village.SubmitAsync();
        var townApprover = _host.As("town-director", $"approver:COMMITTEE@town:{_village.TownId}");

        var approved = await townApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });

        Assert.That(approved.Request.State, Is.EqualTo(RequestState.Approved));
    }

    [Test]
    public async Task Approve_by_the_requesting_custodian_is_denied_even_when_they_are_also_an_approver()
    {
        var both = _host.As($"custodian-and-approver-{_village.VillageId}", $"custodian@village:{_village.VillageId}", $"approver:COMMITTEE@village:{_village.VillageId}");
        var request = (await both.Requests.SubmitRequestAsync(_village.CommitteeSubmission())).Request;

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await both.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.Status.Detail, Does.Contain("custodian who filed"));
        await AssertUnchangedAsync(request.RequestId);
    }

    [Test]
    public async Task Reject_by_the_requesting_custodian_is_denied_too()
    {
        var both = _host.As($"custodian-and-approver-2-{_village.VillageId}", $"custodian@village:{_village.VillageId}", $"approver:COMMITTEE@village:{_village.VillageId}");
        var request = (await both.Requests.SubmitRequestAsync(_village.CommitteeSubmission())).Request;

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await both.Requests.RejectRequestAsync(new RejectRequestRequest { RequestId = request.RequestId, Comment = "no" }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        await AssertUnchangedAsync(request.RequestId);
    }

    [Test]
    public void Submit_of_a_matter_that_does_not_allow_the_seal_kind_is_invalid_and_stores_nothing()
    {
        var submission = _village.CommitteeSubmission("PARTY-TRANSFER-IN");
        var before = CountRequests();

        var error = Assert.ThrowsAsync<RpcException>(async () => await _village.Custodian.Requests.SubmitRequestAsync(submission));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("seal_kind:").And.Contain("PARTY-TRANSFER-IN"));
        Assert.That(CountRequests(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_party_matter_with_the_party_seal_is_approved_by_the_party_approver()
    {
        var submission = _village.CommitteeSubmission("PARTY-TRANSFER-IN");
        submission.SealKind = SealKind.Party;
        var request = (await _village.Custodian.Requests.SubmitRequestAsync(submission)).Request;

        var approved = await _village.PartyApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });

        Assert.That(approved.Grant.Sleeve, Is.EqualTo(1u));
    }

    [Test]
    public async Task A_rejected_request_cannot_be_approved()
    {
        var request = await _village.SubmitAsync();
        await _village.CommitteeApprover.Requests.RejectRequestAsync(new RejectRequestRequest { RequestId = request.RequestId, Comment = "材料不全" });

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.SecondCommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(error.Status.Detail, Does.Contain("REJECTED"));
    }

    [Test]
    public async Task An_approved_request_cannot_be_rejected_or_approved_again()
    {
        var request = await _village.SubmitAsync();
        await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });

        var reject = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.SecondCommitteeApprover.Requests.RejectRequestAsync(new RejectRequestRequest { RequestId = request.RequestId, Comment = "late" }));
        var approve = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.SecondCommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId }));

        Assert.That(reject!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(approve!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        await using var db = _host.CreateDbContext();
        Assert.That(await db.Grants.CountAsync(g => g.RequestId == Guid.Parse(request.RequestId)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_two_approval_matter_needs_two_distinct_approvers()
    {
        var request = await _village.SubmitAsync("HOUSE-BUILDING");

        var first = await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });
        var again = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId }));
        var second = await _village.SecondCommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });

        Assert.That(first.Request.State, Is.EqualTo(RequestState.Submitted));
        Assert.That(first.Grant, Is.Null);
        Assert.That(again!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(second.Request.State, Is.EqualTo(RequestState.Approved));
        Assert.That(second.Grant, Is.Not.Null);
        Assert.That(second.Request.Decisions, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Concurrent_approvals_by_several_approvers_produce_exactly_one_grant()
    {
        var request = await _village.SubmitAsync();
        var approvers = Enumerable.Range(0, 8)
            .Select(i => _host.As($"approver-{i}-{_village.VillageId}", $"approver:COMMITTEE@village:{_village.VillageId}"))
            .ToList();

        var outcomes = await Task.WhenAll(approvers.Select(async a =>
        {
            try
            {
                var response = await a.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });
                return response.Grant is null ? "approved-without-grant" : "granted";
            }
            catch (RpcException e)
            {
                return e.StatusCode.ToString();
            }
        }));

        Assert.That(outcomes.Count(o => o == "granted"), Is.EqualTo(1));
        Assert.That(outcomes.Where(o => o != "granted"), Is.All.EqualTo(nameof(StatusCode.FailedPrecondition)));
        await using var db = _host.CreateDbContext();
        Assert.That(await db.Grants.CountAsync(g => g.RequestId == Guid.Parse(request.RequestId)), Is.EqualTo(1));
        Assert.That(await db.Decisions.CountAsync(d => d.RequestId == Guid.Parse(request.RequestId)), Is.EqualTo(1));
    }

    [Test]
    public async Task Grant_counters_of_a_cabinet_are_consecutive_under_concurrent_approvals_of_different_requests()
    {
        var requests = new List<SealRequest>();
        for (var i = 0; i < 6; i++)
        {
            requests.Add(await _otherVillage.SubmitAsync());
        }

        var grants = await Task.WhenAll(requests.Select(async r =>
            (await _otherVillage.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = r.RequestId })).Grant));

        var counters = grants.Select(g => g.Counter).Order().ToList();
        await using var db = _host.CreateDbContext();
        var all = await db.Grants.Where(g => g.DeviceId == _otherVillage.Cabinet.DeviceId).Select(g => g.Counter).OrderBy(c => c).ToListAsync();
        Assert.That(counters.Distinct().Count(), Is.EqualTo(6));
        Assert.That(all, Is.EqualTo(Enumerable.Range(1, all.Count).Select(i => (long)i)));
    }

    [Test]
    public async Task Cancel_by_the_filer_revokes_the_live_grant()
    {
        var request = await _village.SubmitAsync();
        var grant = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;

        var cancelled = await _village.Custodian.Requests.CancelRequestAsync(new CancelRequestRequest { RequestId = request.RequestId, Reason = "村民撤回" });

        Assert.That(cancelled.Request.State, Is.EqualTo(RequestState.Cancelled));
        Assert.That(cancelled.Request.Grants.Single(g => g.GrantId == grant.GrantId).State, Is.EqualTo(GrantState.Revoked));
    }

    [Test]
    public async Task Cancel_by_another_custodian_of_the_village_is_denied()
    {
        var request = await _village.SubmitAsync();
        var colleague = _host.As($"custodian-colleague-{_village.VillageId}", $"custodian@village:{_village.VillageId}");

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await colleague.Requests.CancelRequestAsync(new CancelRequestRequest { RequestId = request.RequestId, Reason = "mine now" }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        await AssertUnchangedAsync(request.RequestId);
    }

    [Test]
    public async Task Reissue_by_another_custodian_of_the_village_is_denied_and_issues_nothing()
    {
        var request = await _village.SubmitAsync();
        var grant = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        var colleague = _host.As($"custodian-colleague-{_village.VillageId}", $"custodian@village:{_village.VillageId}");

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await colleague.Requests.ReissueGrantAsync(new ReissueGrantRequest { RequestId = request.RequestId }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.Status.Detail, Does.Contain("only the custodian who filed the request"));
        var after = (await _village.Custodian.Requests.GetRequestAsync(new GetRequestRequest { RequestId = request.RequestId })).Request;
        Assert.That(after.Grants.Select(g => (g.GrantId, g.State)), Is.EqualTo(new[] { (grant.GrantId, grant.State) }));
    }

    [Test]
    public async Task A_cancelled_request_cannot_be_cancelled_again()
    {
        var request = await _village.SubmitAsync();
        await _village.Custodian.Requests.CancelRequestAsync(new CancelRequestRequest { RequestId = request.RequestId, Reason = "withdrawn" });

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.Administrator.Requests.CancelRequestAsync(new CancelRequestRequest { RequestId = request.RequestId, Reason = "again" }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(error.Status.Detail, Does.Contain("CANCELLED"));
    }

    [Test]
    public async Task Reissue_replaces_an_expired_grant_with_a_new_counter_while_the_approval_is_valid()
    {
        var request = await _village.SubmitAsync();
        var first = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        await using (var db = _host.CreateDbContext())
        {
            await db.Grants.Where(g => g.Id == Guid.Parse(first.GrantId))
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        var second = (await _village.Custodian.Requests.ReissueGrantAsync(new ReissueGrantRequest { RequestId = request.RequestId })).Grant;
        var after = (await _village.Custodian.Requests.GetRequestAsync(new GetRequestRequest { RequestId = request.RequestId })).Request;

        Assert.That(second.Counter, Is.GreaterThan(first.Counter));
        Assert.That(after.Grants.Single(g => g.GrantId == first.GrantId).State, Is.EqualTo(GrantState.Expired));
        Assert.That(after.Grants.Single(g => g.GrantId == second.GrantId).State, Is.EqualTo(GrantState.Issued));
    }

    [Test]
    public async Task Reissue_while_the_grant_is_still_live_fails_precondition()
    {
        var request = await _village.SubmitAsync();
        await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.Custodian.Requests.ReissueGrantAsync(new ReissueGrantRequest { RequestId = request.RequestId }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(error.Status.Detail, Does.Contain("ISSUED"));
    }

    [Test]
    public async Task Reissue_after_the_approval_lapsed_fails_precondition()
    {
        var request = await _village.SubmitAsync();
        var first = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        await using (var db = _host.CreateDbContext())
        {
            var id = Guid.Parse(request.RequestId);
            await db.Requests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ApprovedAt, DateTimeOffset.UtcNow.AddDays(-2)));
            await db.Grants.Where(g => g.Id == Guid.Parse(first.GrantId))
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.Custodian.Requests.ReissueGrantAsync(new ReissueGrantRequest { RequestId = request.RequestId }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(error.Status.Detail, Does.Contain("no longer valid"));
    }

    [Test]
    public async Task Submit_with_the_same_idempotency_key_returns_the_same_request()
    {
        var submission = _village.CommitteeSubmission();
        submission.IdempotencyKey = "retry-" + Guid.NewGuid().ToString("N");

        var first = await _village.Custodian.Requests.SubmitRequestAsync(submission);
        var second = await _village.Custodian.Requests.SubmitRequestAsync(submission);

        Assert.That(second.Request.RequestId, Is.EqualTo(first.Request.RequestId));
    }

    [Test]
    public async Task Submit_stores_the_materials_with_their_sha256_and_binds_the_first_to_the_grant()
    {
        var request = await _village.SubmitAsync();
        var material = request.Materials[0];
        var content = await _village.CommitteeApprover.Requests.GetMaterialAsync(
            new GetMaterialRequest { RequestId = request.RequestId, MaterialId = material.MaterialId });

        Assert.That(material.Sha256.ToByteArray(), Is.EqualTo(System.Security.Cryptography.SHA256.HashData(Village.Document)));
        Assert.That(material.Content.IsEmpty, Is.True);
        Assert.That(content.Material.Content.ToByteArray(), Is.EqualTo(Village.Document));
    }

    [Test]
    public async Task List_returns_only_requests_of_the_callers_villages()
    {
        await _village.SubmitAsync();
        await _otherVillage.SubmitAsync();

        var listed = await _otherVillage.Supervisor.Requests.ListRequestsAsync(new ListRequestsRequest { Page = new PageRequest { PageSize = 500 } });

        Assert.That(listed.Requests, Is.Not.Empty);
        Assert.That(listed.Requests.Select(r => r.VillageId), Is.All.EqualTo(_otherVillage.VillageId));
    }

    [Test]
    public async Task List_filtered_by_custodian_returns_only_that_persons_requests_and_a_malformed_id_names_the_field()
    {
        var mine = (await _village.Custodian.Requests.SubmitRequestAsync(_village.CommitteeSubmission())).Request.RequestId;
        var colleague = _village.Host.As("colleague-" + Guid.NewGuid().ToString("N")[..8], $"custodian@village:{_village.VillageId}");
        var theirs = (await colleague.Requests.SubmitRequestAsync(_village.CommitteeSubmission())).Request.RequestId;

        var listed = await _village.Supervisor.Requests.ListRequestsAsync(new ListRequestsRequest
        {
            CustodianId = $"custodian-{_village.VillageId}",
            Page = new PageRequest { PageSize = 500 },
        });
        var bad = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.Supervisor.Requests.ListRequestsAsync(new ListRequestsRequest { CustodianId = "two words" }));

        Assert.That(listed.Requests.Select(r => r.RequestId), Does.Contain(mine).And.Not.Contain(theirs));
        Assert.That(listed.Requests.Select(r => r.CustodianId), Is.All.EqualTo($"custodian-{_village.VillageId}"));
        Assert.That(listed.Page.TotalCount, Is.EqualTo(listed.Requests.Count));
        Assert.That(bad!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(bad.Status.Detail, Does.StartWith("custodian_id"));
    }

    [Test]
    public async Task List_pages_through_all_matching_requests()
    {
        for (var i = 0; i < 3; i++)
        {
            await _otherVillage.SubmitAsync();
        }

        var seen = new HashSet<string>();
        var token = "";
        long total;
        do
        {
            var page = await _otherVillage.Supervisor.Requests.ListRequestsAsync(new ListRequestsRequest
            {
                VillageId = _otherVillage.VillageId,
                Page = new PageRequest { PageSize = 2, PageToken = token },
            });
            foreach (var r in page.Requests)
            {
                seen.Add(r.RequestId);
            }

            token = page.Page.NextPageToken;
            total = page.Page.TotalCount;
        }
        while (token.Length > 0);

        Assert.That(seen, Has.Count.EqualTo(total));
    }

    private long CountRequests()
    {
        using var db = _host.CreateDbContext();
        return db.Requests.LongCount();
    }

    private async Task AssertUnchangedAsync(string requestId)
    {
        var after = (await _village.Supervisor.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        Assert.That(after.State, Is.EqualTo(RequestState.Submitted));
        Assert.That(after.Decisions, Is.Empty);
        Assert.That(after.Grants, Is.Empty);
    }
}
