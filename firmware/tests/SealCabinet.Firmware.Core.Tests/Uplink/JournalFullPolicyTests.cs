using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Core.Tests.Support;
using ET = SealCabinet.Contracts.V1.EventType;

namespace SealCabinet.Firmware.Core.Tests.Uplink;

/// <summary>A cabinet offline long enough to fill its journal: what is kept, what is refused, and the recovery.</summary>
[TestFixture]
public sealed class JournalFullPolicyTests
{
    [Test]
    public void A_full_journal_drops_heartbeats_refuses_grants_keeps_alarms_and_recovers_when_the_cloud_acks()
    {
        using Cabinet cabinet = new(configure: c => { c.JournalSegmentBytes = 4096; c.JournalMaxSegments = 4; c.HeartbeatIntervalMs = 60_000; });
        cabinet.Boot();
        cabinet.SyncWithCloud();
        cabinet.Cloud.FailNextCalls = int.MaxValue;

        // Offline for hours: heartbeats fill the journal up to its reserve.
        cabinet.Run(4 * 3_600_000, step: 10_000);
        Assert.That(cabinet.Firmware.DroppedOrdinaryEvents, Is.GreaterThan(0));
        Assert.That(cabinet.JournalTypes().Count(t => t == ET.JournalFull), Is.EqualTo(1), "the full state is recorded once");

        cabinet.Cloud.ServerNowMs = cabinet.Firmware.TrustedNowMs;
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(1).ToByteArray());
        cabinet.Tick();
        Assert.That(cabinet.Firmware.LastGrantDecision!.Reason, Is.EqualTo(GrantRefusalReason.JournalFull));
        Assert.That(cabinet.Solenoids[0].OnCount, Is.Zero, "no stamping starts without room to record it");

        cabinet.SetLevel(cabinet.Tamper, true);
        cabinet.PressOnce(2);
        Assert.That(cabinet.JournalTypes().TakeLast(2), Is.EqualTo(new[] { ET.TamperAlarm, ET.ForcedOpenAlarm }), "alarms are still recorded");
        Assert.That(cabinet.Firmware.UnrecordedEvents, Is.Zero);

        cabinet.Cloud.FailNextCalls = 0;
        cabinet.Run(600_000, step: 5_000);
        cabinet.SyncWithCloud();
        cabinet.Cloud.ServerNowMs = cabinet.Firmware.TrustedNowMs;

        // (The refused grant stays live in the cloud, so the poll may have delivered it again to sleeve 1 meanwhile.)
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(2).ToByteArray());
        cabinet.Tick();

        Assert.That(cabinet.Firmware.LastGrantDecision!.Accepted, Is.True, "acks freed the journal and grants work again");
        cabinet.EnterPin();
        cabinet.PushStampButton(2);
        Assert.That(cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Unlocking));
        Assert.That(cabinet.Cloud.AckedSeq, Is.EqualTo(cabinet.Firmware.LastSeq));
    }

    [Test]
    public void A_ready_sleeve_waits_while_the_journal_is_down_to_its_reserve_and_unlocks_once_acks_free_room()
    {
        using Cabinet cabinet = new(configure: c => { c.JournalSegmentBytes = 4096; c.JournalMaxSegments = 4; c.HeartbeatIntervalMs = 60_000; });
        cabinet.Boot();
        cabinet.SyncWithCloud();
        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(1, validForMs: 8 * 3_600_000).ToByteArray());
        cabinet.Tick();
        Assert.That(cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Ready));
        cabinet.Cloud.FailNextCalls = int.MaxValue;

        // Offline for hours while the custodian is away: heartbeats fill the journal up to its reserve.
        cabinet.Run(4 * 3_600_000, step: 10_000);
        Assert.That(cabinet.Firmware.DroppedOrdinaryEvents, Is.GreaterThan(0));
        cabinet.EnterPin();
        cabinet.PushStampButton(1);

        Assert.That(cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Ready), "no stamping starts that could not be recorded whole");
        Assert.That(cabinet.Solenoids[0].OnCount, Is.Zero);

        cabinet.Cloud.FailNextCalls = 0;
        cabinet.Run(600_000, step: 5_000);
        cabinet.SyncWithCloud();
        cabinet.EnterPin();
        cabinet.PushStampButton(1);

        Assert.That(cabinet.Firmware.GetSleevePhase(1), Is.EqualTo(SleevePhase.Unlocking));
        Assert.That(cabinet.Firmware.UnrecordedEvents, Is.Zero);
    }
}
