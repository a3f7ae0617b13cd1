extern alias sealctl;

using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using ReportCommand = sealctl::SealCabinet.Cloud.Tool.Commands.ReportCommand;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>GetStatistics against a hand-computed fixture (times set in the database to known values).</summary>
[TestFixture]
public sealed class StatisticsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private CloudServiceHost _host = null!;
    private Infrastructure.Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await CloudServiceHost.StartAsync("stats");
        _village = await Infrastructure.Village.CreateAsync(_host, "town-stats", "stats");
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var request = await _village.SubmitAsync();
            ids.Add(Guid.Parse(request.RequestId));
            if (i < 3)
            {
                await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });
            }
            else
            {
                await _village.CommitteeApprover.Requests.RejectRequestAsync(new RejectRequestRequest { RequestId = request.RequestId, Comment = "不符合" });
            }
        }

        // Submit→approve 60, 120, 300 s; the first two grants used 600 and 1200 s after approval with 2 and 1 presses.
        await using var db = _host.CreateDbContext();
        int[] approveAfter = [60, 120, 300];
        await db.Database.ExecuteSqlAsync($"UPDATE seal_requests SET submitted_at = {T0}");
        for (var i = 0; i < 3; i++)
        {
            var approvedAt = T0.AddSeconds(approveAfter[i]);
            await db.Database.ExecuteSqlAsync($"UPDATE seal_requests SET approved_at = {approvedAt} WHERE id = {ids[i]}");
        }

        await db.Database.ExecuteSqlAsync($"UPDATE grants SET state = 'Used', presses_used = 2, state_changed_at = {T0.AddSeconds(60 + 600)} WHERE request_id = {ids[0]}");
        await db.Database.ExecuteSqlAsync($"UPDATE grants SET state = 'Used', presses_used = 1, state_changed_at = {T0.AddSeconds(120 + 1200)} WHERE request_id = {ids[1]}");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Stampings_outcomes_and_latencies_match_the_hand_computed_figures()
    {
        var s = await _village.Supervisor.Audit.GetStatisticsAsync(new GetStatisticsRequest
        {
            VillageId = _village.VillageId,
            From = Timestamp.FromDateTimeOffset(T0.AddHours(-1)),
            To = Timestamp.FromDateTimeOffset(T0.AddDays(1)),
        });

        Assert.That(s.BySealKind.Select(c => (c.Key, c.Stampings, c.Presses)), Is.EqualTo(new[] { ("COMMITTEE", 2L, 3L) }));
        Assert.That(s.ByMatter.Select(c => (c.Key, c.Stampings, c.Presses)), Is.EqualTo(new[] { ("BIZ-PREMISES", 2L, 3L) }));
        Assert.That(s.ByCustodian.Select(c => (c.Key, c.Stampings, c.Presses)), Is.EqualTo(new[] { ("custodian-stats", 2L, 3L) }));
        Assert.That(s.ByOutcome.Select(o => (o.State, o.Count)), Is.EqualTo(new[] { ("Approved", 3L), ("Rejected", 1L) }));
        Assert.That((s.SubmitToApprove.Count, s.SubmitToApprove.AverageSeconds, s.SubmitToApprove.MedianSeconds), Is.EqualTo((3L, 160.0, 120.0)));
        Assert.That(s.SubmitToApprove.P90Seconds, Is.EqualTo(264.0).Within(1e-9));
        Assert.That((s.ApproveToStamp.Count, s.ApproveToStamp.AverageSeconds, s.ApproveToStamp.MedianSeconds), Is.EqualTo((2L, 900.0, 900.0)));
        Assert.That(s.ApproveToStamp.P90Seconds, Is.EqualTo(1140.0).Within(1e-9));
    }

    [Test]
    public async Task The_csv_report_carries_the_same_figures()
    {
        var s = await _village.Supervisor.Audit.GetStatisticsAsync(new GetStatisticsRequest
        {
            VillageId = _village.VillageId,
            From = Timestamp.FromDateTimeOffset(T0.AddHours(-1)),
            To = Timestamp.FromDateTimeOffset(T0.AddDays(1)),
        });

        var lines = ReportCommand.ToCsv(s).Split('\n');

        Assert.That(lines[0], Is.EqualTo("section,key,measure,value"));
        Assert.That(lines, Does.Contain("seal_kind,COMMITTEE,presses,3").And.Contain("outcome,Rejected,requests,1")
            .And.Contain("latency,submit_to_approve,p90_seconds,264").And.Contain("latency,approve_to_stamp,average_seconds,900"));
    }

    [Test]
    public async Task A_period_that_excludes_everything_reports_nothing()
    {
        var townSupervisor = _host.As("town-supervisor", $"supervisor@town:{_village.TownId}");
        var s = await townSupervisor.Audit.GetStatisticsAsync(new GetStatisticsRequest
        {
            TownId = _village.TownId,
            From = Timestamp.FromDateTimeOffset(T0.AddDays(-10)),
            To = Timestamp.FromDateTimeOffset(T0.AddDays(-9)),
        });

        Assert.That(s.BySealKind, Is.Empty);
        Assert.That(s.ByOutcome, Is.Empty);
        Assert.That(s.SubmitToApprove.Count, Is.Zero);
    }

    [Test]
    public void A_period_without_an_end_is_refused_naming_the_field()
    {
        Assert.That(
            async () => await _village.Supervisor.Audit.GetStatisticsAsync(new GetStatisticsRequest { VillageId = _village.VillageId, From = Timestamp.FromDateTimeOffset(T0) }),
            Throws.TypeOf<Grpc.Core.RpcException>().With.Property(nameof(Grpc.Core.RpcException.Status)).Property("Detail").StartsWith("to"));
    }
}
