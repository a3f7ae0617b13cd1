using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SealCabinet.Cloud.Service.Supervision;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// The anomaly rules that need only part 1's tables, each with a positive and a negative case, and the anomaly
/// life cycle (ledger entries, idempotent detection, supervisor updates).
/// </summary>
[TestFixture]
public sealed class AnomalyRuleTests
{
    private CloudServiceHost _host = null!;
    private Infrastructure.Village _village = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _host = await CloudServiceHost.StartAsync("anomaly");
        _village = await Infrastructure.Village.CreateAsync(_host, "town-anomaly", "anomaly");
    }

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task A_custodian_trying_to_approve_their_own_request_is_flagged_and_a_normal_approval_is_not()
    {
        var own = await _village.SubmitAsync();
        var normal = await _village.SubmitAsync();
        Assert.That(
            async () => await CustodianWhoIsAlsoApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = own.RequestId }),
            Throws.TypeOf<RpcException>());
        await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = normal.RequestId });

        await DetectAsync();

        var found = await AnomaliesAsync(AnomalyRules.CustodianApprover);
        Assert.That(found.Select(a => a.RequestId).ToList(), Is.EqualTo(new[] { own.RequestId }));
        Assert.That(found[0].Summary, Does.Contain("custodian-anomaly"));
        Assert.That(found[0].LedgerIndexes, Is.Not.Empty);
    }

    [Test]
    public async Task Presses_beyond_the_allowance_are_flagged_and_presses_within_it_are_not()
    {
        var over = await ApprovedAsync();
        var within = await ApprovedAsync();
        await SqlAsync($"UPDATE grants SET presses_used = 3 WHERE request_id = '{over}'");
        await SqlAsync($"UPDATE grants SET presses_used = 2 WHERE request_id = '{within}'");

        await DetectAsync();

        Assert.That((await AnomaliesAsync(AnomalyRules.Overuse)).Select(a => a.RequestId).ToList(), Is.EqualTo(new[] { over }));
    }

    [Test]
    public async Task A_cabinet_silent_beyond_the_threshold_is_flagged_and_a_recently_heard_one_is_not()
    {
        var quiet = await _village.Technician.Devices.RegisterCabinetAsync(new RegisterCabinetRequest
        {
            VillageId = _village.VillageId,
            Name = "二号柜",
            Sleeves = { new Sleeve { Number = 1, SealKind = SealKind.Party }, new Sleeve { Number = 2, SealKind = SealKind.Committee }, new Sleeve { Number = 3, SealKind = SealKind.Cooperative } },
        });
        await SqlAsync($"UPDATE cabinets SET last_event_at = now() - interval '3 hours' WHERE device_id = '{quiet.Cabinet.DeviceId}'");
        await SqlAsync($"UPDATE cabinets SET last_event_at = now() - interval '10 minutes' WHERE device_id = '{_village.Cabinet.DeviceId}'");

        await DetectAsync();

        Assert.That((await AnomaliesAsync(AnomalyRules.CabinetOffline)).Select(a => a.DeviceId).ToList(), Is.EqualTo(new[] { quiet.Cabinet.DeviceId }));
    }

    [Test]
    public async Task A_house_stamped_after_its_foundations_were_dug_is_flagged_and_one_dug_later_is_not()
    {
        var submission = _village.CommitteeSubmission("HOUSE-BUILDING");
        var request = (await _village.Custodian.Requests.SubmitRequestAsync(submission)).Request;
        await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });
        await _village.SecondCommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });
        await SqlAsync($"UPDATE grants SET state = 'Used', presses_used = 2, state_changed_at = '2026-05-20T03:00:00Z' WHERE request_id = '{request.RequestId}'");

        var response = await _village.Supervisor.Audit.ImportBuildingRecordsAsync(new ImportBuildingRecordsRequest
        {
            VillageId = _village.VillageId,
            Csv = "applicant,address,foundation_date\n王小明,\"义桥村 3 组, 12 号\",2026-05-10\n王小明,义桥村 5 组 1 号,2026-06-01\n",
        });

        Assert.That((response.Imported, response.AnomaliesRaised), Is.EqualTo((2, 1)));
        var found = await AnomaliesAsync(AnomalyRules.BuiltBeforeApproval);
        Assert.That(found.Select(a => a.RequestId).ToList(), Is.EqualTo(new[] { request.RequestId }));
        Assert.That(found[0].Summary, Does.Contain("2026-05-10").And.Contain("2026-05-20").And.Not.Contain("2026-06-01"));
    }

    [Test]
    public async Task The_built_before_approval_rule_follows_the_house_building_flag_and_not_the_matter_code()
    {
        // The district's own catalogue: its house-building matter has another code, and HOUSE-BUILDING is re-imported
        // without the flag (say, a code reused for something else).
        await Infrastructure.Village.GlobalAdministrator(_host).Organization.ImportMattersAsync(new ImportMattersRequest
        {
            Csv = "code,name,seal_kinds,approvals_required,house_building\nHOMESTEAD-REBUILD,宅基地翻建,COMMITTEE,1,true\nHOUSE-BUILDING,建房申请,COMMITTEE,1,false\n",
        });
        var flagged = await StampedOnAsync("HOMESTEAD-REBUILD", "2026-05-20T03:00:00Z");
        var unflagged = await StampedOnAsync("HOUSE-BUILDING", "2026-05-20T03:00:00Z");

        var response = await _village.Supervisor.Audit.ImportBuildingRecordsAsync(new ImportBuildingRecordsRequest
        {
            VillageId = _village.VillageId,
            Csv = "applicant,address,foundation_date\n王小明,义桥村 3 组 12 号,2026-05-10\n",
        });

        var found = await AnomaliesAsync(AnomalyRules.BuiltBeforeApproval);
        Assert.That(found.Select(a => a.RequestId).ToList(), Is.EqualTo(new[] { flagged }), $"only the flagged matter's request ({flagged}), not {unflagged}");
        Assert.That(response.AnomaliesRaised, Is.EqualTo(1));
    }

    [Test]
    public void A_building_record_with_a_bad_date_is_refused_naming_the_line_and_field()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await _village.Supervisor.Audit.ImportBuildingRecordsAsync(new ImportBuildingRecordsRequest
        {
            VillageId = _village.VillageId,
            Csv = "applicant,address,foundation_date\n王小明,义桥村,2026-13-40\n",
        }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("csv line 2 foundation_date"));
    }

    [Test]
    public async Task Each_finding_is_raised_once_as_a_ledger_entry_and_updates_are_logged_too()
    {
        var own = await _village.SubmitAsync();
        Assert.That(
            async () => await CustodianWhoIsAlsoApprover.Requests.RejectRequestAsync(new RejectRequestRequest { RequestId = own.RequestId, Comment = "x" }),
            Throws.TypeOf<RpcException>());

        var first = await DetectAsync();
        var second = await DetectAsync();
        var anomaly = (await AnomaliesAsync(AnomalyRules.CustodianApprover)).Single();
        var refused = Assert.ThrowsAsync<RpcException>(async () => await _village.Supervisor.Audit.UpdateAnomalyAsync(
            new UpdateAnomalyRequest { AnomalyId = anomaly.AnomalyId, Status = Contracts.V1.AnomalyStatus.Resolved }));
        await _village.Supervisor.Audit.UpdateAnomalyAsync(new UpdateAnomalyRequest { AnomalyId = anomaly.AnomalyId, Status = Contracts.V1.AnomalyStatus.Acknowledged });
        var resolved = (await _village.Supervisor.Audit.UpdateAnomalyAsync(new UpdateAnomalyRequest
        {
            AnomalyId = anomaly.AnomalyId, Status = Contracts.V1.AnomalyStatus.Resolved, Note = "已约谈，系误操作",
        })).Anomaly;

        Assert.That((first, second), Is.EqualTo((1, 0)));
        Assert.That(refused!.Status.Detail, Does.StartWith("note"));
        Assert.That((resolved.Status, resolved.Note), Is.EqualTo((Contracts.V1.AnomalyStatus.Resolved, "已约谈，系误操作")));
        await using var db = _host.CreateDbContext();
        var records = (await db.LedgerEntries.Where(e => e.Kind.StartsWith("anomaly.")).OrderBy(e => e.Index).ToListAsync())
            .Select(e => LedgerRecord.Parse(e.Record)).ToList();
        Assert.That(records.Select(r => r.Kind), Is.EqualTo(new[] { "anomaly.raised", "anomaly.updated", "anomaly.updated" }));
        Assert.That(records.All(r => r.GetText("anomaly_id") == anomaly.AnomalyId), Is.True);
        Assert.That(records[2].GetText("status"), Is.EqualTo("resolved"));
        var notified = await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM notifications WHERE kind = {(int)NotificationKind.Anomaly} AND request_id = {Guid.Parse(own.RequestId)}").SingleAsync();
        Assert.That(notified, Is.EqualTo(1));
    }

    [Test]
    public async Task A_supervisor_of_another_village_cannot_update_an_anomaly()
    {
        var own = await _village.SubmitAsync();
        Assert.That(
            async () => await CustodianWhoIsAlsoApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = own.RequestId }),
            Throws.TypeOf<RpcException>());
        await DetectAsync();
        var anomaly = (await AnomaliesAsync(AnomalyRules.CustodianApprover)).Single();

        var error = Assert.ThrowsAsync<RpcException>(async () => await _host.As("other", "supervisor@village:elsewhere").Audit.UpdateAnomalyAsync(
            new UpdateAnomalyRequest { AnomalyId = anomaly.AnomalyId, Status = Contracts.V1.AnomalyStatus.Acknowledged }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    /// <summary>The village's custodian also holding an approver role: the access policy lets the call through, the workflow refuses it.</summary>
    private CloudClients CustodianWhoIsAlsoApprover =>
        _host.As($"custodian-{_village.VillageId}", $"custodian@village:{_village.VillageId}", $"approver:COMMITTEE@village:{_village.VillageId}");

    private async Task<string> ApprovedAsync()
    {
        var request = await _village.SubmitAsync();
        await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });
        return request.RequestId;
    }

    /// <summary>A one-approval request of <paramref name="matter"/> for 王小明 whose grant was used at <paramref name="usedAt"/>.</summary>
    private async Task<string> StampedOnAsync(string matter, string usedAt)
    {
        var request = await _village.SubmitAsync(matter);
        await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });
        await SqlAsync($"UPDATE grants SET state = 'Used', presses_used = 2, state_changed_at = '{usedAt}' WHERE request_id = '{request.RequestId}'");
        return request.RequestId;
    }

    private async Task<int> DetectAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AnomalyService>().DetectAsync(CancellationToken.None);
    }

    private async Task<IReadOnlyList<Contracts.V1.Anomaly>> AnomaliesAsync(string rule) =>
        (await _village.Supervisor.Audit.ListAnomaliesAsync(new ListAnomaliesRequest { VillageId = _village.VillageId, Rule = rule })).Anomalies;

    private async Task SqlAsync(string sql)
    {
        await using var db = _host.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
