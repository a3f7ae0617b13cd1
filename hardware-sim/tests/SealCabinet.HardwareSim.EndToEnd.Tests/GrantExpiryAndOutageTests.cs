using SealCabinet.Contracts.V1;
using SealCabinet.HardwareSim.Cabinet;
using CoreEventType = SealCabinet.Firmware.Core.Messages.EventType;
using CoreRefusal = SealCabinet.Firmware.Core.Messages.GrantRefusalReason;

namespace SealCabinet.HardwareSim.EndToEnd.Tests;

/// <summary>
/// Faults between cloud and cabinet, on the cloud process whose grants live 5 s (so one can expire before it reaches
/// the cabinet) and which is stopped and started again.
/// </summary>
public sealed class GrantExpiryAndOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static TestCloud Cloud => CloudUnderTest.ShortGrants;

    [Test]
    public async Task A_grant_that_reaches_the_cabinet_after_it_expired_is_refused_and_the_refusal_reaches_the_cloud()
    {
        using var world = await VillageWorld.CreateAsync("expiry", Cloud);
        var cabinet = await world.AddCabinetAsync();
        // The gateway unreachable (no FetchGrants shortcut) and MQTT delivery stalled between radio and firmware.
        cabinet.SetCloudReachable(false);
        cabinet.HoldMqttDelivery(true);
        var requestId = await world.FileRequestAsync();
        var grant = await world.ApproveAsync(requestId);
        await cabinet.WaitUntilAsync(() => cabinet.MqttMessagesHeld == 1, Patience, "the grant held at the radio");
        var expires = grant.ExpiresTime.ToDateTime();
        while (DateTime.UtcNow < expires.AddSeconds(1))
        {
            await Task.Delay(100);
        }

        var from = cabinet.Events.Count;
        cabinet.HoldMqttDelivery(false);
        cabinet.SetCloudReachable(true);

        var (refused, _) = await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.GrantRefused, from, Patience, "GRANT_REFUSED");
        Assert.That(refused.Event.GrantId, Is.EqualTo(grant.GrantId));
        Assert.That(refused.Event.RefusalReason, Is.EqualTo(CoreRefusal.Expired));
        Assert.That(cabinet.Board.Sleeves.All(s => s.Solenoid.OnCount == 0), Is.True, "no sleeve unlocked");

        await cabinet.WaitUntilAsync(() => cabinet.Snapshot().AckedSeq >= refused.Event.Seq, Patience, "the refusal acked");
        var request = (await world.Custodian.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        var stored = request.Grants.Single(g => g.GrantId == grant.GrantId);
        Assert.That(stored.State, Is.EqualTo(GrantState.Refused));
        Assert.That(stored.RefusalReason, Does.Contain("Expired").IgnoreCase);
        Assert.That(request.State, Is.EqualTo(RequestState.Refused));
    }

    [Test]
    public async Task Events_made_while_the_cloud_is_down_wait_in_the_journal_and_arrive_in_order_after_it_is_back()
    {
        using var world = await VillageWorld.CreateAsync("outage", Cloud);
        var cabinet = await world.AddCabinetAsync();
        await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { AckedSeq: > 0 } s && s.AckedSeq == s.LastSeq, Patience, "the boot acked");
        var ackedBefore = cabinet.Snapshot().AckedSeq;

        await Cloud.StopAsync();
        var from = cabinet.Events.Count;
        cabinet.SetEnclosureOpen(true);
        await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.TamperAlarm, from, Patience, "TAMPER_ALARM");
        cabinet.Force(3);
        await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.ForcedOpenAlarm && e.Event.Sleeve == 3, from, Patience, "FORCED_OPEN_ALARM sleeve 3");
        cabinet.Force(1);
        await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.ForcedOpenAlarm && e.Event.Sleeve == 1, from, Patience, "FORCED_OPEN_ALARM sleeve 1");
        var during = cabinet.Events.Skip(from).ToList();
        var lastDuring = during[^1].Event.Seq;
        Assert.That(cabinet.Snapshot().AckedSeq, Is.EqualTo(ackedBefore), "nothing acked while the cloud is down");
        Assert.That(during.Select(e => e.Event.Seq), Is.Ordered.Ascending);

        await Cloud.RestartAsync();

        await cabinet.WaitUntilAsync(() => cabinet.Snapshot().AckedSeq >= lastDuring, TimeSpan.FromSeconds(60), "the buffered events acked after the restart");
        var stored = (await world.Technician.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = cabinet.DeviceId })).Cabinet;
        Assert.That(stored.LastSeq, Is.GreaterThanOrEqualTo(lastDuring), "the cloud holds the events made while it was down");
        Assert.That(stored.Sleeves.Where(s => s.State == SleeveState.Alarm).Select(s => s.Number), Is.EquivalentTo(new uint[] { 1, 3 }), "both forced openings reached the cloud");
        Assert.That(cabinet.Events.Where(e => e.Event.Seq > ackedBefore).Select(e => e.Event.Seq), Is.EqualTo(Enumerable.Range((int)ackedBefore + 1, (int)(cabinet.Snapshot().LastSeq - ackedBefore)).Select(i => (ulong)i)), "one journal, no gaps");
    }
}
