using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Core.Tests.Support;
using ET = SealCabinet.Contracts.V1.EventType;

namespace SealCabinet.Firmware.Core.Tests.Time;

/// <summary>Trusted time across a power cut: the battery-backed clock, cross-checked against the last saved server time.</summary>
[TestFixture]
public sealed class RealTimeClockTests
{
    [Test]
    public void A_clock_set_by_the_cloud_gives_trusted_time_right_after_a_power_cut_so_a_grant_is_taken_before_any_answer()
    {
        using Cabinet cabinet = new();
        FakeRealTimeClock rtc = new();
        cabinet.RealTimeClock = rtc;
        cabinet.Boot();
        cabinet.SyncWithCloud();
        Assert.That(rtc.Writes, Is.GreaterThan(0), "every server answer sets the clock");
        rtc.NowMs += 5_000;

        cabinet.Cloud.FailNextCalls = int.MaxValue;
        cabinet.PowerCycle();
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(2).ToByteArray());
        cabinet.Tick();

        Assert.That(cabinet.Firmware.HasTrustedTime, Is.True);
        Assert.That(cabinet.Firmware.LastGrantDecision!.Accepted, Is.True);
        Assert.That(cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Ready));
        Assert.That(cabinet.JournalTypes(), Does.Not.Contain(ET.SensorFault));
    }

    [Test]
    public void A_clock_earlier_than_the_last_saved_server_time_is_not_believed_and_says_so()
    {
        using Cabinet cabinet = new();
        FakeRealTimeClock rtc = new();
        cabinet.RealTimeClock = rtc;
        cabinet.Boot();
        cabinet.SyncWithCloud();

        // Wound back a day: an expired grant would pass again.
        rtc.NowMs -= 86_400_000;
        cabinet.Cloud.FailNextCalls = int.MaxValue;
        cabinet.PowerCycle();
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(1).ToByteArray());
        cabinet.Tick();

        Assert.That(cabinet.Firmware.HasTrustedTime, Is.False);
        Assert.That(cabinet.Firmware.LastGrantDecision!.Reason, Is.EqualTo(GrantRefusalReason.NoTrustedTime));
        Assert.That(cabinet.JournalEvents().Last(e => e.Type == ET.SensorFault).Detail, Does.Contain("earlier than the last server time"));
        cabinet.Run(CabinetFirmware.BuzzerMs + 1_000, step: 100);
        Assert.That(cabinet.Firmware.LedPattern, Is.AnyOf(StatusLedPattern.CloudUnreachable, StatusLedPattern.ClockUntrusted), "the LED says there is no trusted time (the cloud is away)");
    }

    [Test]
    public void An_unreadable_clock_is_a_fault_and_the_cabinet_waits_for_the_cloud()
    {
        using Cabinet cabinet = new();
        FakeRealTimeClock rtc = new();
        cabinet.RealTimeClock = rtc;
        cabinet.Boot();
        cabinet.SyncWithCloud();

        rtc.Broken = true;
        cabinet.Cloud.FailNextCalls = int.MaxValue;
        cabinet.PowerCycle();

        Assert.That(cabinet.Firmware.HasTrustedTime, Is.False);
        Assert.That(cabinet.JournalEvents().Last(e => e.Type == ET.SensorFault).Detail, Does.StartWith("real-time clock unreadable"));
        cabinet.Cloud.FailNextCalls = 0;
        cabinet.SyncWithCloud();
        Assert.That(cabinet.Firmware.HasTrustedTime, Is.True, "one server answer is enough");
    }

    [Test]
    public void Without_a_clock_the_cabinet_refuses_grants_after_a_power_cut_until_the_cloud_answers()
    {
        using Cabinet cabinet = new();
        cabinet.Boot();
        cabinet.SyncWithCloud();

        cabinet.Cloud.FailNextCalls = int.MaxValue;
        cabinet.PowerCycle();
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(1).ToByteArray());
        cabinet.Tick();

        Assert.That(cabinet.Firmware.LastGrantDecision!.Reason, Is.EqualTo(GrantRefusalReason.NoTrustedTime));
        Assert.That(cabinet.JournalTypes(), Does.Not.Contain(ET.SensorFault), "no clock fitted is not a fault");
    }
}
