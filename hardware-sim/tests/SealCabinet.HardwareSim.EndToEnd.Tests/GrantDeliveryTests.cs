using System.Diagnostics;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.HardwareSim.Cabinet;

namespace SealCabinet.HardwareSim.EndToEnd.Tests;

/// <summary>Approval in the real cloud → grant over the real broker → the unchanged firmware on a simulated cabinet.</summary>
public sealed class GrantDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task An_approval_makes_the_committee_sleeve_ready_only_its_stamp_button_unlocks_it_and_the_latency_is_reported()
    {
        using var world = await VillageWorld.CreateAsync("latency");
        var cabinet = await world.AddCabinetAsync();
        var requestId = await world.FileRequestAsync();
        var clock = Stopwatch.StartNew();
        long readyAt = -1;
        cabinet.Board.Sleeve(2).ReadyLight.Changed += on =>
        {
            if (on)
            {
                Interlocked.CompareExchange(ref readyAt, clock.ElapsedMilliseconds, -1);
            }
        };

        var approvedAt = clock.ElapsedMilliseconds;
        var grant = await world.ApproveAsync(requestId);
        var (accepted, _) = await cabinet.WaitForEventAsync(e => e.Type == EventType.GrantAccepted, 0, Patience, "GRANT_ACCEPTED");
        await cabinet.WaitUntilAsync(() => Interlocked.Read(ref readyAt) >= 0, Patience, "the committee sleeve's READY light");

        Assert.That(accepted.Event.GrantId, Is.EqualTo(grant.GrantId));
        Assert.That(accepted.Event.GrantCounter, Is.EqualTo(grant.Counter));
        Assert.That(accepted.Event.Sleeve, Is.EqualTo(2));
        Assert.That(cabinet.GrantMessagesReceived, Is.EqualTo(1), "delivered over MQTT");
        Assert.That(cabinet.Board.Sleeve(2).Solenoid.OnCount, Is.Zero, "the approval alone opens nothing");
        var relocked = await Custodian.StampAsync(cabinet, 2, 1, VillageWorld.CustodianAtCabinet, Patience);
        Assert.That(relocked.Event.PressCount, Is.EqualTo(1));
        Assert.That(cabinet.Board.Sleeve(2).Solenoid.OnCount, Is.EqualTo(1));
        await TestContext.Out.WriteLineAsync($"approval → sleeve READY: {readyAt - approvedAt} ms (ApproveRequest sent → READY light)");
    }

    [Test]
    public async Task A_cabinet_offline_when_the_grant_is_issued_gets_it_when_it_comes_back()
    {
        using var world = await VillageWorld.CreateAsync("offline");
        var cabinet = await world.AddCabinetAsync();
        cabinet.PowerCut();
        var requestId = await world.FileRequestAsync();
        var grant = await world.ApproveAsync(requestId);

        cabinet.PowerOn();

        var (accepted, _) = await cabinet.WaitForEventAsync(e => e.Type == EventType.GrantAccepted, 0, Patience, "GRANT_ACCEPTED after coming back");
        Assert.That(accepted.Event.GrantId, Is.EqualTo(grant.GrantId));
        Assert.That(accepted.Boot, Is.EqualTo(2));
        Assert.That(cabinet.Firmware!.GetSleevePhase(2), Is.EqualTo(SleevePhase.Ready));
    }

    [Test]
    public async Task A_cabinet_in_another_village_never_sees_the_grant()
    {
        using var first = await VillageWorld.CreateAsync("east");
        using var second = await VillageWorld.CreateAsync("west");
        var ours = await first.AddCabinetAsync();
        var theirs = await second.AddCabinetAsync();

        await first.ApproveAsync(await first.FileRequestAsync());
        await ours.WaitForEventAsync(e => e.Type == EventType.GrantAccepted, 0, Patience, "our sleeve READY");
        await theirs.WaitUntilAsync(() => theirs.Snapshot().HasTrustedTime, Patience, "their cabinet polled the gateway");

        Assert.That(theirs.GrantMessagesReceived, Is.Zero);
        Assert.That(theirs.Events.Any(e => e.Type is EventType.GrantAccepted or EventType.GrantRefused), Is.False);
        Assert.That(theirs.Board.Sleeves.All(s => s.Solenoid.OnCount == 0), Is.True);
    }
}
