using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using Core = SealCabinet.Firmware.Core.Messages;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests.Ingestion;

/// <summary>Device events drive the grant, the request and the cabinet (sleeves, alarms) as a supervisor sees them.</summary>
[TestFixture]
public sealed class LiveStateTests
{
    private CloudServiceHost _host = null!;
    private int _villages;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("livestate");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private async Task<(Village Village, DeviceChain Chain, StampingScript Script)> NewVillageAsync()
    {
        var n = ++_villages;
        var village = await Village.CreateAsync(_host, $"town-live{n}", $"live{n}");
        var chain = new DeviceChain(village.Cabinet);
        return (village, chain, new StampingScript(chain));
    }

    private static async Task<(SealRequest Request, Grant Grant)> ApprovedAsync(Village village, uint copies = 2)
    {
        var request = (await village.Custodian.Requests.SubmitRequestAsync(village.CommitteeSubmission(copies: copies))).Request;
        var grant = (await village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        return (request, grant);
    }

    private async Task<PushAck> PushAsync(DeviceChain chain, IEnumerable<Firmware.Core.Events.SignedEventRecord> records)
    {
        var ack = await IngestionState.PushAsync(_host.Anonymous(), chain.Batch(records));
        Assert.That(ack.Rejection, Is.EqualTo(RejectionReason.Unspecified));
        return ack;
    }

    private static async Task<SealRequest> RequestAsync(Village village, string requestId) =>
        (await village.Custodian.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;

    private static async Task<Cabinet> CabinetAsync(Village village) =>
        (await village.Supervisor.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = village.Cabinet.DeviceId })).Cabinet;

    [Test]
    public async Task A_copy_of_the_grant_in_use_refused_as_replayed_changes_nothing_and_raises_no_replay_alarm()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village, copies: 2);

        // After a reboot the cabinet no longer remembers the copy it accepted, so an MQTT redelivery is refused REPLAYED.
        await PushAsync(chain, [.. script.Begin(grant), script.Refuse(grant, Core.GrantRefusalReason.Replayed), .. script.Presses(grant, 2), .. script.Finish(grant, 2)]);

        var after = await RequestAsync(village, request.RequestId);
        Assert.That(after.State, Is.EqualTo(RequestState.Completed));
        Assert.That(after.Grants.Single().State, Is.EqualTo(GrantState.Used));
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(e => e.Kind), Has.None.EqualTo("replayed-grant-refusal"));
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Supervision.AnomalyService>().DetectAsync(CancellationToken.None);
        var anomalies = await village.Supervisor.Audit.ListAnomaliesAsync(new ListAnomaliesRequest { VillageId = village.VillageId, Rule = Supervision.AnomalyRules.GrantRefused });
        Assert.That(anomalies.Anomalies, Is.Empty, "a refused second copy of an accepted grant is no replay");
    }

    [Test]
    public async Task A_spent_grant_replayed_after_the_stamping_is_a_replay_alarm_and_the_grant_stays_used()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village, copies: 1);

        await PushAsync(chain, [.. script.Stamp(grant, presses: 1), script.Refuse(grant, Core.GrantRefusalReason.Replayed)]);

        var after = await RequestAsync(village, request.RequestId);
        Assert.That(after.State, Is.EqualTo(RequestState.Completed));
        Assert.That(after.Grants.Single().State, Is.EqualTo(GrantState.Used));
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(e => e.Kind), Does.Contain("replayed-grant-refusal"));
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Supervision.AnomalyService>().DetectAsync(CancellationToken.None);
        var anomalies = await village.Supervisor.Audit.ListAnomaliesAsync(new ListAnomaliesRequest { VillageId = village.VillageId, Rule = Supervision.AnomalyRules.GrantRefused });
        Assert.That(anomalies.Anomalies.Select(a => a.Summary), Is.EqualTo(new[] { "grant refused: replayed" }));
    }

    [Test]
    public async Task A_cancel_committed_while_a_batch_waits_for_its_request_is_not_overwritten_by_the_batch()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village);
        var accepted = script.Event(Core.EventType.GrantAccepted, grant);

        // A cancel in progress: the request's row is held, as RequestWorkflow.CancelAsync holds it.
        await using var connection = new Npgsql.NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync();
        await using var cancel = await connection.BeginTransactionAsync();
        await Sql(connection, cancel, $"SELECT 1 FROM seal_requests WHERE id = '{request.RequestId}' FOR UPDATE");
        var push = IngestionState.PushAsync(_host.Anonymous(), chain.Batch([accepted]));
        await Eventually.UntilAsync(
            async _ => (long)(await ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"))! > 0,
            TimeSpan.FromSeconds(30), "the batch waiting for the request's row");
        await Sql(connection, cancel, $"UPDATE grants SET state = 'Revoked' WHERE id = '{grant.GrantId}'");
        await Sql(connection, cancel, $"UPDATE seal_requests SET state = 'Cancelled' WHERE id = '{request.RequestId}'");
        await cancel.CommitAsync();
        var ack = await push;

        Assert.That(ack.Rejection, Is.EqualTo(RejectionReason.Unspecified));
        var after = await RequestAsync(village, request.RequestId);
        Assert.That(after.State, Is.EqualTo(RequestState.Cancelled), "the cancel stands");
        Assert.That(after.Grants.Single().State, Is.EqualTo(GrantState.Revoked));
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(e => e.Kind), Does.Contain("revoked-grant-used"));
    }

    private static async Task Sql(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [TestCase(Core.GrantRefusalReason.NoTrustedTime)]
    [TestCase(Core.GrantRefusalReason.SleeveBusy)]
    public async Task A_temporary_refusal_leaves_the_grant_live_and_its_later_acceptance_completes_the_stamping(Core.GrantRefusalReason reason)
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village, copies: 2);

        await PushAsync(chain, [script.Refuse(grant, reason)]);
        var waiting = await RequestAsync(village, request.RequestId);
        await PushAsync(chain, script.Stamp(grant, presses: 2));

        Assert.That(waiting.State, Is.Not.EqualTo(RequestState.Refused), "the firmware takes the grant again when it comes again");
        Assert.That(waiting.Grants.Single().State, Is.AnyOf(GrantState.Issued, GrantState.Delivered));
        var after = await RequestAsync(village, request.RequestId);
        Assert.That(after.State, Is.EqualTo(RequestState.Completed));
        Assert.That(after.Grants.Single().State, Is.EqualTo(GrantState.Used));
    }

    [Test]
    public async Task A_permanent_refusal_of_a_grant_never_accepted_ends_it()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village);

        await PushAsync(chain, [script.Refuse(grant, Core.GrantRefusalReason.Expired)]);

        var after = await RequestAsync(village, request.RequestId);
        Assert.That(after.State, Is.EqualTo(RequestState.Refused));
        Assert.That(after.Grants.Single().State, Is.EqualTo(GrantState.Refused));
    }

    [Test]
    public async Task A_stamping_within_the_allowed_presses_completes_the_request_uses_the_grant_and_relocks_the_sleeve()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village, copies: 2);

        var ack = await PushAsync(chain, script.Stamp(grant, presses: 2));

        var after = await RequestAsync(village, request.RequestId);
        Assert.That(after.State, Is.EqualTo(RequestState.Completed));
        Assert.That(after.Grants.Single().State, Is.EqualTo(GrantState.Used));
        Assert.That(after.Grants.Single().PressesUsed, Is.EqualTo(2u));
        var cabinet = await CabinetAsync(village);
        Assert.That(cabinet.Sleeves.Single(s => s.Number == 2).State, Is.EqualTo(SleeveState.Locked));
        Assert.That(cabinet.OpenAlarms, Is.Zero);
        Assert.That(cabinet.LastSeq, Is.EqualTo(ack.AckedSeq));
        Assert.That(cabinet.Online, Is.True, "a cabinet that just delivered events is online");
        await using var db = _host.CreateDbContext();
        var evidence = await db.EvidenceObjects.AsNoTracking().Where(o => o.DeviceId == chain.DeviceId).OrderBy(o => o.EventSeq).ToListAsync();
        Assert.That(evidence.Select(o => o.EvidenceId), Is.EqualTo(script.Photos.Keys));
        Assert.That(evidence.Select(o => o.Kind), Is.EqualTo(new[] { (int)EvidenceKind.DocumentBefore, (int)EvidenceKind.Person, (int)EvidenceKind.DocumentAfter }));
        Assert.That(evidence.All(o => o.GrantId == Guid.Parse(grant.GrantId) && o.RequestId == Guid.Parse(request.RequestId) && o.EvidenceMac!.Length == 32), Is.True);
    }

    [Test]
    public async Task The_request_and_grant_follow_the_events_batch_by_batch()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village);
        var events = script.Stamp(grant, presses: 1);
        var lifted = events.FindIndex(r => Core.DeviceEvent.Parse(r.EventBytes).Type == Core.EventType.SealLifted);

        await PushAsync(chain, events.Take(lifted + 1));
        var during = await RequestAsync(village, request.RequestId);
        var sleeveDuring = (await CabinetAsync(village)).Sleeves.Single(s => s.Number == 2).State;
        await PushAsync(chain, events.Skip(lifted + 1));
        var done = await RequestAsync(village, request.RequestId);

        Assert.That(during.State, Is.EqualTo(RequestState.InUse));
        Assert.That(during.Grants.Single().State, Is.EqualTo(GrantState.Accepted));
        Assert.That(sleeveDuring, Is.EqualTo(SleeveState.SealOut));
        Assert.That(done.State, Is.EqualTo(RequestState.Completed));
        Assert.That(done.Grants.Single().PressesUsed, Is.EqualTo(1u));
    }

    [Test]
    public async Task Presses_beyond_the_grant_make_it_overused_and_raise_an_alarm_that_the_relock_closes()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village, copies: 1);
        var events = script.Stamp(grant, presses: 3);
        var returned = events.FindIndex(r => Core.DeviceEvent.Parse(r.EventBytes).Type == Core.EventType.SealReturned);

        await PushAsync(chain, events.Take(returned));
        var alarmed = await CabinetAsync(village);
        await PushAsync(chain, events.Skip(returned));

        Assert.That(alarmed.OpenAlarms, Is.EqualTo(1));
        Assert.That(alarmed.Sleeves.Single(s => s.Number == 2).State, Is.EqualTo(SleeveState.Alarm));
        var after = await RequestAsync(village, request.RequestId);
        Assert.That(after.State, Is.EqualTo(RequestState.Completed));
        Assert.That(after.Grants.Single().State, Is.EqualTo(GrantState.Overused));
        Assert.That(after.Grants.Single().PressesUsed, Is.EqualTo(3u));
        Assert.That((await CabinetAsync(village)).OpenAlarms, Is.Zero);
    }

    [Test]
    public async Task A_pin_pad_lockout_alerts_the_supervisors_naming_the_custodian_and_puts_no_sleeve_in_alarm()
    {
        var (village, chain, _) = await NewVillageAsync();

        await PushAsync(chain, [chain.Next(Core.EventType.AuthenticationLockout, e =>
        {
            e.Sleeve = 2;
            e.PersonId = "custodian-" + village.VillageId;
            e.Detail = "5 wrong attempts; locked 60 s";
        })]);

        var cabinet = await CabinetAsync(village);
        Assert.That(cabinet.OpenAlarms, Is.Zero, "a locked PIN pad says nothing about a seal");
        Assert.That(cabinet.Sleeves.Single(s => s.Number == 2).State, Is.Not.EqualTo(SleeveState.Alarm));
        await using var db = _host.CreateDbContext();
        var alarm = await db.Notifications.AsNoTracking().SingleAsync(n => n.DeviceId == chain.DeviceId && n.Kind == 7);
        Assert.That(alarm.Audience, Does.Contain("role:supervisor"));
        Assert.That(alarm.Body, Does.Contain("AuthenticationLockout").And.Contain("custodian-" + village.VillageId).And.Contain("5 wrong attempts"));
    }

    [Test]
    public async Task A_grant_that_waited_ready_until_it_expired_leaves_the_request_approved_unused_and_reissuable()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village);

        await PushAsync(chain, [script.Event(Core.EventType.GrantAccepted, grant)]);
        var ready = await RequestAsync(village, request.RequestId);
        await PushAsync(chain, [script.Event(Core.EventType.ReadyExpired, grant)]);
        var unused = await RequestAsync(village, request.RequestId);
        var reissued = (await village.Custodian.Requests.ReissueGrantAsync(new ReissueGrantRequest { RequestId = request.RequestId })).Grant;

        Assert.That(ready.State, Is.EqualTo(RequestState.GrantDelivered), "READY at the cabinet is not yet in use");
        Assert.That(unused.State, Is.EqualTo(RequestState.Approved), "not a stamping with 0 presses");
        Assert.That(unused.Grants.Single().State, Is.EqualTo(GrantState.Expired));
        Assert.That(unused.Grants.Single().PressesUsed, Is.Zero);
        Assert.That(reissued.Counter, Is.GreaterThan(grant.Counter));
    }

    [Test]
    public async Task A_refused_grant_moves_the_request_to_refused_with_the_reason_and_it_can_be_reissued()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village);

        await PushAsync(chain, [script.Refuse(grant, Core.GrantRefusalReason.Expired)]);
        var refused = await RequestAsync(village, request.RequestId);
        var reissued = (await village.Custodian.Requests.ReissueGrantAsync(new ReissueGrantRequest { RequestId = request.RequestId })).Grant;

        Assert.That(refused.State, Is.EqualTo(RequestState.Refused));
        Assert.That(refused.Grants.Single().State, Is.EqualTo(GrantState.Refused));
        Assert.That(refused.Grants.Single().RefusalReason, Is.EqualTo("Expired"));
        Assert.That(reissued.Counter, Is.GreaterThan(grant.Counter));
    }

    [Test]
    public async Task A_replayed_grant_refusal_is_a_security_event()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (_, grant) = await ApprovedAsync(village);

        await PushAsync(chain, [script.Refuse(grant, Core.GrantRefusalReason.Replayed)]);

        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(s => s.Kind), Is.EqualTo(new[] { "replayed-grant-refusal" }));
    }

    [Test]
    public async Task A_seal_not_returned_and_a_tamper_alarm_stay_open_until_the_relock_and_the_next_boot()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (_, grant) = await ApprovedAsync(village);

        await PushAsync(chain, [.. script.Begin(grant), script.Event(Core.EventType.SealNotReturnedAlarm, grant), chain.Next(Core.EventType.TamperAlarm)]);
        var both = (await CabinetAsync(village)).OpenAlarms;
        await PushAsync(chain, script.Finish(grant, presses: 0));
        var tamperOnly = (await CabinetAsync(village)).OpenAlarms;
        await PushAsync(chain, [chain.Next(Core.EventType.Boot)]);

        Assert.That(both, Is.EqualTo(2));
        Assert.That(tamperOnly, Is.EqualTo(1));
        Assert.That((await CabinetAsync(village)).OpenAlarms, Is.Zero);
    }

    [Test]
    public async Task A_cabinet_accepting_a_revoked_grant_is_recorded_as_a_security_event()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village);
        await village.Custodian.Requests.CancelRequestAsync(new CancelRequestRequest { RequestId = request.RequestId, Reason = "applicant withdrew" });

        await PushAsync(chain, script.Stamp(grant, presses: 1).Take(2));

        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(s => s.Kind),
            Is.EqualTo(new[] { "revoked-grant-used", "revoked-grant-unlocked" }), "accepted, then unlocked by its button");
        Assert.That((await RequestAsync(village, request.RequestId)).State, Is.EqualTo(RequestState.Cancelled));
    }

    [Test]
    public async Task A_request_cancelled_while_its_grant_waits_ready_revokes_it_and_a_stamping_on_it_is_a_security_event()
    {
        var (village, chain, script) = await NewVillageAsync();
        var (request, grant) = await ApprovedAsync(village);
        var stamping = script.Stamp(grant, presses: 1);
        await PushAsync(chain, stamping.Take(1));

        await village.Custodian.Requests.CancelRequestAsync(new CancelRequestRequest { RequestId = request.RequestId, Reason = "applicant withdrew" });
        var cancelled = await RequestAsync(village, request.RequestId);
        await PushAsync(chain, stamping.Skip(1).Take(1));

        Assert.That(cancelled.State, Is.EqualTo(RequestState.Cancelled));
        Assert.That(cancelled.Grants.Single().State, Is.EqualTo(GrantState.Revoked), "the READY grant is revoked with its request");
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(s => s.Kind), Is.EqualTo(new[] { "revoked-grant-unlocked" }));
        Assert.That((await RequestAsync(village, request.RequestId)).State, Is.EqualTo(RequestState.Cancelled));
    }
}
