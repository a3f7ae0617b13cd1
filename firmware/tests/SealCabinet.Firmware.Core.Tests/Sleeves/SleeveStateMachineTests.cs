using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Core.Tests.Support;
using Contract = SealCabinet.Contracts.V1;
using ET = SealCabinet.Contracts.V1.EventType;

namespace SealCabinet.Firmware.Core.Tests.Sleeves;

/// <summary>Every path of the sleeve state machine, driven through the whole firmware with a manual clock.</summary>
[TestFixture]
public sealed class SleeveStateMachineTests
{
    private Cabinet _cabinet = null!;

    [SetUp]
    public void SetUp()
    {
        _cabinet = new Cabinet();
        _cabinet.Boot();
        _cabinet.SyncWithCloud();
        Assert.That(_cabinet.Firmware.HasTrustedTime, Is.True);
    }

    [TearDown]
    public void TearDown() => _cabinet.Dispose();

    [Test]
    public void A_grant_makes_its_sleeve_ready_still_locked_and_only_that_sleeves_stamp_button_unlocks_it()
    {
        Deliver(_cabinet.IssueGrant(2, presses: 1));
        _cabinet.Run(1_000, step: 100);

        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Ready));
        Assert.That(_cabinet.Solenoids[1].OnCount, Is.Zero, "the approval alone opens nothing");
        Assert.That(_cabinet.ReadyLights[1].IsOn, Is.True);
        _cabinet.EnterPin();
        _cabinet.PushStampButton(1);
        _cabinet.PushStampButton(3);
        Assert.That(_cabinet.Solenoids.Sum(s => s.OnCount), Is.Zero, "another sleeve's button moves nothing");

        _cabinet.PushStampButton(2);

        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Unlocking));
        Assert.That(_cabinet.Solenoids[1].IsOn, Is.True);
        Assert.That(_cabinet.ReadyLights[1].IsOn, Is.False);
        Assert.That(CycleEvents().Select(e => e.Type), Is.EqualTo(new[] { ET.GrantAccepted, ET.CustodianAuthenticated, ET.SleeveUnlocked }));
    }

    [Test]
    public void A_stamp_button_without_a_grant_moves_nothing_and_records_nothing()
    {
        int events = _cabinet.JournalEvents().Count;

        _cabinet.PushStampButton(1);
        _cabinet.PushStampButton(2);

        Assert.That(_cabinet.Solenoids.Sum(s => s.OnCount), Is.Zero);
        Assert.That(_cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Locked));
        Assert.That(_cabinet.JournalEvents().Count, Is.EqualTo(events));
    }

    [Test]
    public void A_ready_grant_that_expires_unused_gives_the_sleeve_back_and_its_button_then_moves_nothing()
    {
        Deliver(_cabinet.IssueGrant(3, validForMs: 5_000));

        _cabinet.Run(6_000, step: 100);

        Assert.That(_cabinet.Firmware.GetSleevePhase(3), Is.EqualTo(SleevePhase.Locked));
        Assert.That(_cabinet.ReadyLights[2].IsOn, Is.False);
        Assert.That(CycleEvents().Select(e => e.Type), Is.EqualTo(new[] { ET.GrantAccepted, ET.ReadyExpired }));
        _cabinet.PushStampButton(3);
        Assert.That(_cabinet.Solenoids[2].OnCount, Is.Zero);
        Deliver(_cabinet.IssueGrant(3));
        Assert.That(_cabinet.Firmware.GetSleevePhase(3), Is.EqualTo(SleevePhase.Ready), "the sleeve takes a reissued grant");
    }

    [Test]
    public void A_seal_pulled_out_of_a_ready_sleeve_is_a_forced_opening_and_the_grant_is_given_up()
    {
        Deliver(_cabinet.IssueGrant(1));

        _cabinet.Lift(1);

        Assert.That(_cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.ForcedOpen));
        Assert.That(_cabinet.JournalTypes().Last(), Is.EqualTo(ET.ForcedOpenAlarm));
        Assert.That(_cabinet.ReadyLights[0].IsOn, Is.False);
        _cabinet.Return(1);
        _cabinet.PushStampButton(1);
        Assert.That(_cabinet.Solenoids[0].OnCount, Is.Zero);
    }

    [Test]
    public void A_grant_unlocks_its_sleeve_and_the_whole_stamping_cycle_is_recorded_in_order()
    {
        SignedGrant grant = _cabinet.IssueGrant(2, presses: 2);

        _cabinet.SubmitAndPushButton(grant);
        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Unlocking));
        Assert.That(_cabinet.Solenoids[1].IsOn, Is.True);
        Assert.That(_cabinet.Solenoids[0].IsOn || _cabinet.Solenoids[2].IsOn, Is.False);

        _cabinet.Lift(2);
        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Lifted));
        Assert.That(_cabinet.Solenoids[1].IsOn, Is.False, "the solenoid is released once the seal is out");

        _cabinet.PressOnce(2);
        _cabinet.PressOnce(2);
        _cabinet.Return(2);

        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Locked));
        List<Contract.DeviceEvent> cycle = CycleEvents();
        Assert.That(cycle.Select(e => e.Type), Is.EqualTo(new[] { ET.GrantAccepted, ET.CustodianAuthenticated, ET.SleeveUnlocked, ET.SealLifted, ET.Press, ET.Press, ET.SealReturned, ET.SleeveRelocked }));
        Assert.That(cycle.Select(e => e.PressCount), Is.EqualTo(new uint[] { 0, 0, 0, 0, 1, 2, 2, 2 }));
        Assert.That(cycle.All(e => e.Sleeve == 2 && e.SealKind == Contract.SealKind.Committee && e.GrantCounter == UnlockGrant.Parse(grant.Grant).Counter), Is.True);
        Assert.That(cycle.All(e => e.DeviceTimeMs > 0), Is.True, "events carry trusted time");
    }

    [Test]
    public void A_grant_delivered_again_while_in_use_is_ignored_and_replayed_after_use_is_refused_and_recorded()
    {
        SignedGrant grant = _cabinet.IssueGrant(2, presses: 1);
        _cabinet.SubmitAndPushButton(grant);
        _cabinet.SubmitAndPushButton(grant);
        Assert.That(_cabinet.JournalTypes().Count(t => t == ET.GrantRefused), Is.Zero, "a redelivery during use leaves no trace");

        _cabinet.Lift(2);
        _cabinet.PressOnce(2);
        _cabinet.Return(2);
        _cabinet.SubmitAndPushButton(grant);

        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Locked));
        Assert.That(_cabinet.Solenoids[1].OnCount, Is.EqualTo(1), "the replay never moves the solenoid");
        Contract.DeviceEvent refusal = _cabinet.JournalEvents().Last(e => e.Type == ET.GrantRefused);
        Assert.That(refusal.RefusalReason, Is.EqualTo(Contract.GrantRefusalReason.Replayed));
        Assert.That(refusal.GrantId, Is.EqualTo(UnlockGrant.Parse(grant.Grant).GrantId));
    }

    [Test]
    public void Nobody_lifting_the_seal_relocks_the_sleeve_when_the_unlock_window_ends()
    {
        _cabinet.SubmitAndPushButton(_cabinet.IssueGrant(1));

        // The window runs from the push; pushing and releasing the button took two debounce periods already.
        _cabinet.Run(_cabinet.Config.UnlockWindowMs - 300, step: 100);
        Assert.That(_cabinet.Solenoids[0].IsOn, Is.True);
        _cabinet.Run(400, step: 100);

        Assert.That(_cabinet.Solenoids[0].IsOn, Is.False);
        Assert.That(_cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Locked));
        Assert.That(CycleEvents().Select(e => e.Type), Is.EqualTo(new[] { ET.GrantAccepted, ET.CustodianAuthenticated, ET.SleeveUnlocked, ET.UnlockWindowExpired }));
    }

    [Test]
    public void Each_press_beyond_the_allowance_raises_an_overuse_alarm()
    {
        _cabinet.SubmitAndPushButton(_cabinet.IssueGrant(3, presses: 1));
        _cabinet.Lift(3);

        _cabinet.PressOnce(3);
        _cabinet.PressOnce(3);
        _cabinet.PressOnce(3);
        _cabinet.Return(3);

        List<Contract.DeviceEvent> overuse = CycleEvents().Where(e => e.Type == ET.OveruseAlarm).ToList();
        Assert.That(overuse.Select(e => e.PressCount), Is.EqualTo(new uint[] { 2, 3 }));
        Assert.That(CycleEvents().Last().PressCount, Is.EqualTo(3u), "the relock reports the final count");
        Assert.That(_cabinet.Buzzer.OnCount, Is.GreaterThan(0));
    }

    [Test]
    public void A_seal_not_returned_in_time_raises_one_alarm_and_returning_it_later_relocks()
    {
        _cabinet.SubmitAndPushButton(_cabinet.IssueGrant(1));
        _cabinet.Lift(1);

        _cabinet.Run(_cabinet.Config.ReturnWindowMs + 5_000, step: 1_000);
        _cabinet.Return(1);

        Assert.That(CycleEvents().Select(e => e.Type), Is.EqualTo(new[] { ET.GrantAccepted, ET.CustodianAuthenticated, ET.SleeveUnlocked, ET.SealLifted, ET.SealNotReturnedAlarm, ET.SealReturned, ET.SleeveRelocked }));
        Assert.That(_cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Locked));
    }

    [Test]
    public void Taking_a_seal_out_of_a_locked_sleeve_is_a_forced_opening_until_it_is_put_back()
    {
        int before = _cabinet.JournalEvents().Count;

        _cabinet.Lift(1);
        Assert.That(_cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.ForcedOpen));
        _cabinet.PressOnce(1);
        _cabinet.SubmitAndPushButton(_cabinet.IssueGrant(1));
        _cabinet.Return(1);

        List<Contract.DeviceEvent> events = _cabinet.JournalEvents().Skip(before).ToList();
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { ET.ForcedOpenAlarm, ET.ForcedOpenAlarm, ET.GrantRefused, ET.SealReturned }));
        Assert.That(events[2].RefusalReason, Is.EqualTo(Contract.GrantRefusalReason.SleeveBusy));
        Assert.That(_cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Locked));
        Assert.That(_cabinet.Solenoids[0].OnCount, Is.Zero);
    }

    [Test]
    public void A_press_on_a_locked_sleeve_raises_a_forced_open_alarm()
    {
        int before = _cabinet.JournalEvents().Count;

        _cabinet.PressOnce(2);

        Assert.That(_cabinet.JournalEvents().Skip(before).Select(e => e.Type), Is.EqualTo(new[] { ET.ForcedOpenAlarm }));
        Assert.That(_cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Locked));
    }

    [Test]
    public void A_press_held_longer_than_a_press_can_last_is_a_sensor_fault_raised_once()
    {
        _cabinet.SubmitAndPushButton(_cabinet.IssueGrant(1, presses: 5));
        _cabinet.Lift(1);

        _cabinet.Press[0].Level = true;
        _cabinet.Run(_cabinet.Config.MaxPressMs * 3, step: 500);
        _cabinet.SetLevel(_cabinet.Press[0], false);

        List<ET> types = CycleEvents().Select(e => e.Type).ToList();
        Assert.That(types.Count(t => t == ET.SensorFault), Is.EqualTo(1));
        Assert.That(types.Count(t => t == ET.Press), Is.EqualTo(1));
    }

    [Test]
    public void Bounces_shorter_than_the_debounce_time_are_not_presses()
    {
        _cabinet.SubmitAndPushButton(_cabinet.IssueGrant(1, presses: 5));
        _cabinet.Lift(1);

        for (int i = 0; i < 5; i++)
        {
            _cabinet.Press[0].Level = true;
            _cabinet.Clock.Advance(_cabinet.Config.PressDebounceMs / 3);
            _cabinet.Press[0].Level = false;
            _cabinet.Clock.Advance(_cabinet.Config.PressDebounceMs / 3);
            _cabinet.Tick();
        }

        _cabinet.Run(500);

        Assert.That(_cabinet.Firmware.GetPressCount(1), Is.Zero);
    }

    [Test]
    public void The_provisioned_debounce_filters_the_seat_and_tamper_switches_too()
    {
        // The ESP32's GPIO driver passes raw edges, so press_debounce_ms is the only filter on every input.
        long glitch = _cabinet.Config.PressDebounceMs * 2 / 3;
        _cabinet.Tamper.Level = true;
        _cabinet.Seat[1].Level = false;
        _cabinet.Clock.Advance(glitch);
        _cabinet.Tamper.Level = false;
        _cabinet.Seat[1].Level = true;
        _cabinet.Run(500);
        Assert.That(_cabinet.JournalTypes(), Has.None.EqualTo(ET.TamperAlarm).And.None.EqualTo(ET.ForcedOpenAlarm), "glitches shorter than the debounce");

        _cabinet.Tamper.Level = true;
        _cabinet.Clock.Advance(_cabinet.Config.PressDebounceMs);
        _cabinet.Tick();

        Assert.That(_cabinet.JournalTypes().Last(), Is.EqualTo(ET.TamperAlarm), "a level held for the debounce time counts");
    }

    [Test]
    public void A_press_and_release_that_both_happen_between_two_ticks_is_still_counted()
    {
        _cabinet.SubmitAndPushButton(_cabinet.IssueGrant(1, presses: 5));
        _cabinet.Lift(1);

        _cabinet.Press[0].Level = true;
        _cabinet.Clock.Advance(200);
        _cabinet.Press[0].Level = false;
        _cabinet.Clock.Advance(200);
        _cabinet.Tick();

        Assert.That(_cabinet.Firmware.GetPressCount(1), Is.EqualTo(1u));
    }

    [Test]
    public void A_grant_for_a_sleeve_in_use_is_refused_as_busy_and_does_not_disturb_it()
    {
        _cabinet.SubmitAndPushButton(_cabinet.IssueGrant(1, presses: 3));
        _cabinet.Lift(1);

        _cabinet.SubmitAndPushButton(_cabinet.IssueGrant(1));

        Assert.That(_cabinet.Firmware.LastGrantDecision!.Reason, Is.EqualTo(GrantRefusalReason.SleeveBusy));
        Assert.That(_cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Lifted));
    }

    [Test]
    public void Two_sleeves_can_be_in_use_at_the_same_time()
    {
        _cabinet.SubmitAndPushButton(_cabinet.IssueGrant(1, presses: 1));
        _cabinet.SubmitAndPushButton(_cabinet.IssueGrant(3, presses: 1));
        _cabinet.Lift(1);
        _cabinet.Lift(3);
        _cabinet.PressOnce(3);
        _cabinet.PressOnce(1);
        _cabinet.Return(3);
        _cabinet.Return(1);

        List<Contract.DeviceEvent> relocks = CycleEvents().Where(e => e.Type == ET.SleeveRelocked).ToList();
        Assert.That(relocks.Select(e => (e.Sleeve, e.PressCount)), Is.EqualTo(new[] { (3u, 1u), (1u, 1u) }));
    }

    [Test]
    public void Opening_the_enclosure_raises_a_tamper_alarm_and_sounds_the_buzzer()
    {
        _cabinet.SetLevel(_cabinet.Tamper, true);

        Assert.That(_cabinet.JournalTypes().Last(), Is.EqualTo(ET.TamperAlarm));
        Assert.That(_cabinet.Buzzer.IsOn, Is.True);
        _cabinet.Run(3_000, step: 100);
        Assert.That(_cabinet.Buzzer.IsOn, Is.False, "the buzzer stops after a while");
    }

    /// <summary>The grant arrives; nobody is at the cabinet yet.</summary>
    private void Deliver(SignedGrant grant)
    {
        _cabinet.Firmware.SubmitGrant(grant.ToByteArray());
        _cabinet.Tick();
    }

    /// <summary>Events from the first GRANT_ACCEPTED on, without the periodic ones.</summary>
    private List<Contract.DeviceEvent> CycleEvents() =>
        _cabinet.JournalEvents().SkipWhile(e => e.Type != ET.GrantAccepted).Where(e => e.Type != ET.Heartbeat).ToList();
}
