using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Core.Tests.Support;
using SealCabinet.Firmware.Host.Power;
using Contract = SealCabinet.Contracts.V1;
using ET = SealCabinet.Contracts.V1.EventType;

namespace SealCabinet.Firmware.Core.Tests.Sleeves;

/// <summary>Power cuts at every step of a stamping, then a reboot: nothing recorded is lost, no grant works twice.</summary>
[TestFixture]
public sealed class PowerCutRecoveryTests
{
    [Test]
    public void Power_lost_while_unlocking_with_the_seal_seated_relocks_and_the_grant_cannot_be_used_again()
    {
        using Cabinet cabinet = Online();
        SignedGrant grant = cabinet.IssueGrant(1);
        cabinet.SubmitAndPushButton(grant);

        cabinet.PowerCycle();
        cabinet.SyncWithCloud();
        cabinet.SubmitAndPushButton(grant);

        Assert.That(cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Locked));
        Assert.That(cabinet.Solenoids[0].OnCount, Is.Zero, "the replayed grant did not move the solenoid");
        Assert.That(cabinet.Firmware.LastGrantDecision!.Reason, Is.EqualTo(GrantRefusalReason.Replayed));
        List<Contract.DeviceEvent> events = cabinet.JournalEvents();
        Assert.That(events.Select(e => e.Type), Is.SupersetOf(new[] { ET.SleeveRelocked, ET.GrantRefused }));
        Assert.That(events.Single(e => e.Type == ET.SleeveRelocked).Detail, Does.Contain("power lost"));
    }

    [Test]
    public void Power_lost_while_unlocking_and_the_seal_lifted_meanwhile_resumes_as_lifted()
    {
        using Cabinet cabinet = Online();
        cabinet.SubmitAndPushButton(cabinet.IssueGrant(1, presses: 1));
        cabinet.Seat[0].Level = false;

        cabinet.PowerCycle();
        cabinet.PressOnce(1);
        cabinet.Return(1);

        Assert.That(cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Locked));
        List<ET> types = cabinet.JournalTypes();
        Assert.That(types.SkipWhile(t => t != ET.Boot).Skip(1).SkipWhile(t => t != ET.Boot).Where(t => t != ET.Heartbeat),
            Is.EqualTo(new[] { ET.Boot, ET.SealLifted, ET.Press, ET.SealReturned, ET.SleeveRelocked }));
    }

    [Test]
    public void Power_lost_while_the_seal_is_out_keeps_the_press_count()
    {
        using Cabinet cabinet = Online();
        cabinet.SubmitAndPushButton(cabinet.IssueGrant(2, presses: 2));
        cabinet.Lift(2);
        cabinet.PressOnce(2);

        cabinet.PowerCycle();
        cabinet.PressOnce(2);
        cabinet.PressOnce(2);
        cabinet.Return(2);

        List<Contract.DeviceEvent> events = cabinet.JournalEvents();
        Assert.That(events.Where(e => e.Type == ET.Press).Select(e => e.PressCount), Is.EqualTo(new uint[] { 1, 2, 3 }));
        Assert.That(events.Count(e => e.Type == ET.OveruseAlarm), Is.EqualTo(1));
        Assert.That(events.Last().Type, Is.EqualTo(ET.SleeveRelocked));
        Assert.That(events.Last().PressCount, Is.EqualTo(3u));
    }

    [Test]
    public void A_seal_returned_while_the_power_was_off_relocks_at_boot_with_its_press_count()
    {
        using Cabinet cabinet = Online();
        cabinet.SubmitAndPushButton(cabinet.IssueGrant(3, presses: 2));
        cabinet.Lift(3);
        cabinet.PressOnce(3);
        cabinet.Seat[2].Level = true;

        cabinet.PowerCycle();

        List<Contract.DeviceEvent> events = cabinet.JournalEvents();
        Assert.That(events.TakeLast(2).Select(e => e.Type), Is.EqualTo(new[] { ET.SealReturned, ET.SleeveRelocked }));
        Assert.That(events.Last().PressCount, Is.EqualTo(1u));
        Assert.That(cabinet.Firmware.GetSleevePhase(3), Is.EqualTo(SleevePhase.Locked));
    }

    [Test]
    public void A_seal_missing_from_a_locked_sleeve_at_boot_is_a_forced_opening()
    {
        using Cabinet cabinet = Online();
        cabinet.Seat[1].Level = false;

        cabinet.PowerCycle();

        Assert.That(cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.ForcedOpen));
        Assert.That(cabinet.JournalTypes().Last(), Is.EqualTo(ET.ForcedOpenAlarm));
    }

    [Test]
    public void A_power_cut_at_any_flash_write_of_a_stamping_loses_no_recorded_event_and_never_reopens_a_used_grant()
    {
        // Measure how many bytes one full stamping writes, then cut the power at points spread over them.
        long total;
        using (Cabinet probe = Online())
        {
            long start = probe.Flash.BytesWritten;
            Stamp(probe, probe.IssueGrant(1, presses: 2));
            total = probe.Flash.BytesWritten - start;
        }

        int checkedCuts = 0;
        for (long cut = 0; cut <= total; cut += 23)
        {
            using Cabinet cabinet = Online();
            SignedGrant grant = cabinet.IssueGrant(1, presses: 2);
            ulong counter = UnlockGrant.Parse(grant.Grant).Counter;
            cabinet.Flash.CutPowerAfterBytes(cut);
            bool cutHappened = false;
            try
            {
                Stamp(cabinet, grant);
            }
            catch (PowerLostException)
            {
                cutHappened = true;
            }

            bool solenoidMoved = cabinet.Solenoids[0].OnCount > 0;
            cabinet.PowerCycle();
            cabinet.Return(1);
            cabinet.SyncWithCloud();

            string at = $"cut after {cut} of {total} bytes";
            if (solenoidMoved)
            {
                Assert.That(cabinet.Firmware.HighestGrantCounter, Is.GreaterThanOrEqualTo(counter), at + ": the counter was persisted before the solenoid moved");
            }

            int onBefore = cabinet.Solenoids[0].OnCount;
            cabinet.SubmitAndPushButton(grant);
            if (solenoidMoved || !cutHappened)
            {
                Assert.That(cabinet.Solenoids[0].OnCount, Is.EqualTo(onBefore), at + ": a used grant never opens the sleeve again");
            }

            Assert.That(cabinet.Firmware.GetSleevePhase(1), Is.AnyOf(SleevePhase.Locked, SleevePhase.Unlocking), at);
            List<Contract.DeviceEvent> events = cabinet.JournalEvents();
            Assert.That(events.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(0, events.Count).Select(i => events[0].Seq + (ulong)i)), at + ": the chain has no gap");
            Assert.That(events[^1].Seq, Is.EqualTo(cabinet.Firmware.LastSeq), at);
            cabinet.SyncWithCloud();
            Assert.That(cabinet.Cloud.AckedSeq, Is.EqualTo(cabinet.Firmware.LastSeq), at + ": the cloud took the whole chain");
            checkedCuts++;
        }

        Assert.That(checkedCuts, Is.GreaterThan(20));
    }

    [Test]
    public void Power_lost_while_ready_stays_ready_and_its_button_works_only_once_the_cloud_has_answered()
    {
        using Cabinet cabinet = Online();
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(2).ToByteArray());
        cabinet.Tick();
        Assert.That(cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Ready));

        cabinet.Cloud.FailNextCalls = 1_000;
        cabinet.PowerCycle();
        cabinet.PushStampButton(2);
        Assert.That(cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Ready), "without trusted time the grant's expiry cannot be checked");
        Assert.That(cabinet.Solenoids[1].OnCount, Is.Zero);
        Assert.That(cabinet.ReadyLights[1].IsOn, Is.True);

        cabinet.Cloud.FailNextCalls = 0;
        cabinet.SyncWithCloud();
        cabinet.EnterPin();
        cabinet.PushStampButton(2);

        Assert.That(cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Unlocking));
        Assert.That(cabinet.Solenoids[1].OnCount, Is.EqualTo(1));
    }

    [Test]
    public void Lost_anti_replay_copies_are_rebuilt_from_the_journal_with_an_alarm_and_no_old_grant_works_again()
    {
        using Cabinet cabinet = Online();
        SignedGrant lower = cabinet.IssueGrant(2, counter: 5);
        SignedGrant used = cabinet.IssueGrant(1, counter: 7);
        Stamp(cabinet, used);

        // Both copies written once, both now unreadable (a worn flash page, a half-erased sector).
        cabinet.Flash.SetFile("grants.a", [1, 2, 3]);
        cabinet.Flash.SetFile("grants.b", [4, 5, 6]);
        cabinet.PowerCycle();
        cabinet.SyncWithCloud();

        Contract.DeviceEvent alarm = cabinet.JournalEvents().Last(e => e.Type == ET.SensorFault);
        Assert.That(alarm.Detail, Does.Contain("anti-replay state unreadable").And.Contain(" 7 "));
        cabinet.SubmitAndPushButton(used);
        Assert.That(cabinet.Firmware.LastGrantDecision!.Reason, Is.EqualTo(GrantRefusalReason.Replayed), "never an empty window");
        cabinet.SubmitAndPushButton(lower);
        Assert.That(cabinet.Firmware.LastGrantDecision!.Reason, Is.EqualTo(GrantRefusalReason.Replayed), "a lower counter never seen is refused too");
        Assert.That(cabinet.Solenoids.Sum(s => s.OnCount), Is.Zero, "no old grant moved a solenoid after the reboot");

        cabinet.SubmitAndPushButton(cabinet.IssueGrant(1, counter: 8));
        Assert.That(cabinet.Firmware.LastGrantDecision!.Accepted, Is.True, "a new grant from the cloud works");
    }

    private static Cabinet Online()
    {
        Cabinet cabinet = new();
        cabinet.Boot();
        cabinet.SyncWithCloud();
        return cabinet;
    }

    private static void Stamp(Cabinet cabinet, SignedGrant grant)
    {
        cabinet.SubmitAndPushButton(grant);
        cabinet.Lift(1);
        cabinet.PressOnce(1);
        cabinet.PressOnce(1);
        cabinet.Return(1);
    }
}
