using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.GrpcWeb;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Core.Tests.Support;
using Contract = SealCabinet.Contracts.V1;
using ET = SealCabinet.Contracts.V1.EventType;

namespace SealCabinet.Firmware.Core.Tests.Uplink;

/// <summary>Store and forward to the gateway over gRPC-Web: batches, acks, trim, backoff, reboot, grants, evidence.</summary>
[TestFixture]
public sealed class UplinkTests
{
    [Test]
    public void Every_journal_event_reaches_the_cloud_byte_for_byte_and_the_acked_segments_are_trimmed()
    {
        using Cabinet cabinet = new(configure: c => { c.JournalSegmentBytes = 4096; c.JournalMaxSegments = 64; });
        cabinet.Cloud.FailNextCalls = int.MaxValue;
        cabinet.Boot();
        for (int i = 0; i < 120; i++)
        {
            cabinet.PressOnce(1 + (i % 3));
        }

        int segmentsBefore = cabinet.Firmware.Journal!.SegmentCount;
        List<Contract.DeviceEvent> journal = cabinet.JournalEvents();
        cabinet.Cloud.FailNextCalls = 0;
        cabinet.SyncWithCloud();

        Assert.That(cabinet.Cloud.AckedSeq, Is.EqualTo(cabinet.Firmware.LastSeq));
        List<Contract.DeviceEvent> stored = cabinet.Cloud.StoredEvents();
        Assert.That(journal[0].Seq, Is.EqualTo(1UL));
        Assert.That(stored.Take(journal.Count), Is.EqualTo(journal), "the cloud holds exactly the journal's events");
        Assert.That(segmentsBefore, Is.GreaterThan(1));
        Assert.That(cabinet.Firmware.Journal.SegmentCount, Is.EqualTo(1), "acked segments are deleted, the newest stays");
        Assert.That(cabinet.Firmware.Uplink!.PendingEvents, Is.Zero);
    }

    [Test]
    public void After_the_cloud_lost_acked_events_the_cabinet_resends_them_from_its_journal()
    {
        using Cabinet cabinet = new();
        cabinet.Boot();
        for (int i = 0; i < 4; i++)
        {
            cabinet.PressOnce(1);
        }

        cabinet.SyncWithCloud();
        ulong acked = cabinet.Cloud.AckedSeq;
        Assert.That(acked, Is.GreaterThan(4UL));
        cabinet.Cloud.ForgetAfter(2);

        cabinet.PressOnce(2);
        cabinet.SyncWithCloud();

        Assert.That(cabinet.Cloud.AckedSeq, Is.EqualTo(cabinet.Firmware.LastSeq), "the events the cloud lost were sent again, then the new ones");
        Assert.That(cabinet.Cloud.StoredEvents().Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, (int)cabinet.Firmware.LastSeq).Select(i => (ulong)i)));
    }

    [Test]
    public void When_the_cloud_lost_events_the_journal_no_longer_holds_the_uplink_backs_off_instead_of_resending_every_tick()
    {
        using Cabinet cabinet = new(configure: c => { c.JournalSegmentBytes = 2048; c.JournalMaxSegments = 64; });
        cabinet.Boot();
        for (int i = 0; i < 60; i++)
        {
            cabinet.PressOnce(1 + (i % 3));
        }

        cabinet.SyncWithCloud();
        Assert.That(cabinet.Firmware.Journal!.FirstSeq, Is.GreaterThan(2UL), "acked segments were trimmed");
        cabinet.Cloud.ForgetAfter(1);
        cabinet.PressOnce(1);
        int before = cabinet.Cloud.Calls;

        cabinet.Run(10 * 60_000, step: 100);

        // Resending every tick would be 6,000 calls in these ten minutes (100 ms ticks); backing off, the uplink calls at
        // most a few times per grant poll (every 30 s), whose success restarts the backoff.
        Assert.That(cabinet.Cloud.Calls - before, Is.LessThan(200));
        Assert.That(cabinet.Firmware.Uplink!.LastError, Does.Contain("the cloud holds events up to seq 1 only").And.Contain("chain restart"));
    }

    [Test]
    public void Failed_calls_back_off_exponentially_with_jitter_and_the_upload_completes_when_the_cloud_is_back()
    {
        using Cabinet cabinet = new();
        cabinet.Cloud.FailNextCalls = 6;
        cabinet.Boot();
        List<long> delays = [];
        long lastFailures = 0;
        for (int i = 0; i < 2000 && cabinet.Cloud.FailNextCalls > 0; i++)
        {
            cabinet.Run(100, step: 100);
            int failures = cabinet.Firmware.Uplink!.ConsecutiveFailures;
            if (failures > lastFailures)
            {
                delays.Add(cabinet.Firmware.Uplink.NextAttemptAt - cabinet.Clock.UptimeMs);
                lastFailures = failures;
            }
        }

        cabinet.SyncWithCloud();

        Assert.That(delays, Has.Count.EqualTo(6));
        for (int n = 0; n < delays.Count; n++)
        {
            long ceiling = 1000L << n;
            Assert.That(delays[n], Is.InRange(ceiling / 2 - 100, ceiling), $"failure {n + 1}");
        }

        Assert.That(cabinet.Firmware.Uplink!.ConsecutiveFailures, Is.Zero);
        Assert.That(cabinet.Cloud.AckedSeq, Is.EqualTo(cabinet.Firmware.LastSeq));
    }

    [Test]
    public void After_a_reboot_the_upload_resumes_from_the_persisted_ack_without_conflicts()
    {
        using Cabinet cabinet = new();
        cabinet.Boot();
        cabinet.SyncWithCloud();
        ulong acked = cabinet.Cloud.AckedSeq;
        cabinet.Cloud.FailNextCalls = 1000;
        cabinet.PressOnce(1);
        cabinet.PressOnce(2);

        cabinet.PowerCycle();
        Assert.That(cabinet.Firmware.AckedSeq, Is.EqualTo(acked));
        cabinet.Cloud.FailNextCalls = 0;
        cabinet.Run(400_000, step: 1_000);
        cabinet.SyncWithCloud();

        Assert.That(cabinet.Firmware.Uplink!.LastRejection, Is.EqualTo(RejectionReason.Unspecified));
        Assert.That(cabinet.Cloud.AckedSeq, Is.EqualTo(cabinet.Firmware.LastSeq));
        Assert.That(cabinet.Cloud.StoredEvents().Count(e => e.Type == ET.Boot), Is.EqualTo(2));
    }

    [Test]
    public void An_ack_whose_server_time_does_not_verify_neither_trims_the_journal_nor_sets_trusted_time()
    {
        using Cabinet cabinet = new();
        cabinet.Cloud.ForgeServerTime = true;
        cabinet.Boot();

        cabinet.Run(5_000, step: 100);

        Assert.That(cabinet.Firmware.HasTrustedTime, Is.False);
        Assert.That(cabinet.Firmware.AckedSeq, Is.Zero);
        Assert.That(cabinet.Firmware.Uplink!.LastError, Does.Contain("server time refused: bad MAC"));
    }

    [Test]
    public void A_grant_fetched_by_the_poll_unlocks_and_its_duplicates_are_harmless()
    {
        using Cabinet cabinet = new();
        cabinet.Boot();
        cabinet.SyncWithCloud();
        SignedGrant grant = cabinet.IssueGrant(3, presses: 1);

        cabinet.Firmware.Uplink!.RequestPollNow();
        cabinet.Run(100);
        Assert.That(cabinet.Firmware.GetSleevePhase(3), Is.EqualTo(SleevePhase.Ready));
        cabinet.EnterPin();
        cabinet.PushStampButton(3);
        Assert.That(cabinet.Firmware.GetSleevePhase(3), Is.EqualTo(SleevePhase.Unlocking));
        int events = cabinet.JournalEvents().Count;

        cabinet.Firmware.SubmitGrant(grant.ToByteArray());
        cabinet.Firmware.SubmitGrant(grant.ToByteArray());
        cabinet.Firmware.Uplink.RequestPollNow();
        cabinet.Run(100);

        Assert.That(cabinet.Solenoids[2].OnCount, Is.EqualTo(1));
        Assert.That(cabinet.JournalEvents().Count, Is.EqualTo(events), "a duplicate delivery records nothing");
    }

    [Test]
    public void A_grant_refused_for_lack_of_trusted_time_is_taken_once_the_poll_brings_time()
    {
        using Cabinet cabinet = new();
        cabinet.Cloud.FailNextCalls = 1;
        cabinet.Boot();
        cabinet.Tick();
        Assert.That(cabinet.Firmware.HasTrustedTime, Is.False);
        SignedGrant grant = cabinet.IssueGrant(1);

        cabinet.Firmware.SubmitGrant(grant.ToByteArray());
        cabinet.Tick();
        Assert.That(cabinet.Firmware.LastGrantDecision!.Reason, Is.EqualTo(GrantRefusalReason.NoTrustedTime));
        cabinet.Run(35_000, step: 500);
        cabinet.EnterPin();
        cabinet.PushStampButton(1);

        Assert.That(cabinet.Solenoids[0].OnCount, Is.EqualTo(1));
    }

    [Test]
    public void Photo_ids_do_not_repeat_after_a_factory_reset_sets_the_boot_count_back()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        string deviceId = "cab-photo-ids-" + Guid.NewGuid().ToString("N")[..6];
        List<string> ids = [];
        uint[] bootCounts = new uint[2];
        for (int life = 0; life < 2; life++)
        {
            // A fresh flash with the same identity: what a factory reset and re-provisioning leave.
            using Cabinet cabinet = new(deviceId: deviceId, secret: secret, configure: c => { c.EvidenceCapture = true; c.EvidenceStoreBytes = 200_000; });
            cabinet.Boot();
            cabinet.SyncWithCloud();
            StampOnce(cabinet);
            List<Contract.DeviceEvent> captured = cabinet.JournalEvents().Where(e => e.Type == ET.EvidenceCaptured).ToList();
            Assert.That(captured, Has.Count.EqualTo(3));
            bootCounts[life] = captured[0].BootCount;
            ids.AddRange(captured.Select(e => e.EvidenceId));
        }

        Assert.That(bootCounts[1], Is.EqualTo(bootCounts[0]), "the reset set the boot count back");
        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void Photos_are_tagged_with_the_evidence_mac_recorded_in_signed_events_and_uploaded_in_chunks()
    {
        using Cabinet cabinet = new(configure: c => { c.EvidenceCapture = true; c.EvidenceChunkBytes = 4096; c.EvidenceStoreBytes = 200_000; });
        cabinet.Boot();
        cabinet.SyncWithCloud();
        StampOnce(cabinet);

        cabinet.Run(20_000, step: 100);

        List<Contract.DeviceEvent> captured = cabinet.JournalEvents().Where(e => e.Type == ET.EvidenceCaptured).ToList();
        Assert.That(captured.Select(e => e.EvidenceKind), Is.EqualTo(new[] { Contract.EvidenceKind.Person, Contract.EvidenceKind.DocumentBefore, Contract.EvidenceKind.DocumentAfter }));
        for (int i = 0; i < 3; i++)
        {
            byte[] photo = cabinet.Camera.Photos[i];
            Assert.That(captured[i].EvidenceDigest.ToByteArray(), Is.EqualTo(HMACSHA256.HashData(cabinet.Cloud.EvidenceKey, photo)));
            Assert.That(captured[i].EvidenceSize, Is.EqualTo((uint)photo.Length));
            Assert.That(cabinet.Cloud.Evidence(captured[i].EvidenceId), Is.EqualTo(photo), "uploaded completely");
        }

        Assert.That(cabinet.Flash.List().Where(n => n.StartsWith("ev_", StringComparison.Ordinal)), Is.Empty, "uploaded photos are deleted");
    }

    [Test]
    public void A_camera_that_returns_nothing_is_recorded_as_a_fault_and_the_stamping_goes_on()
    {
        using Cabinet cabinet = new(configure: c => c.EvidenceCapture = true);
        cabinet.Boot();
        cabinet.SyncWithCloud();
        cabinet.Camera.Broken = true;

        cabinet.Firmware.SubmitGrant(cabinet.IssueGrant(2).ToByteArray());
        cabinet.Tick();
        cabinet.EnterPin();
        cabinet.PushStampButton(2);

        Assert.That(cabinet.Firmware.GetSleevePhase(2), Is.EqualTo(SleevePhase.Unlocking));
        Assert.That(cabinet.JournalEvents().Last().Detail, Is.EqualTo("camera returned no image"));
    }

    [Test]
    public void Every_grant_refusal_is_recorded_as_an_event_with_its_reason()
    {
        using Cabinet cabinet = new();
        cabinet.Boot();
        cabinet.SyncWithCloud();
        (SignedGrant Grant, Contract.GrantRefusalReason Reason)[] cases =
        [
            (Tamper(cabinet.IssueGrant(1)), Contract.GrantRefusalReason.BadMac),
            (cabinet.IssueGrant(1, deviceId: "cab-elsewhere"), Contract.GrantRefusalReason.WrongDevice),
            (cabinet.IssueGrant(1, kind: SealKind.Cooperative), Contract.GrantRefusalReason.WrongSleeve),
            (cabinet.IssueGrant(1, validFromOffsetMs: -600_000, validForMs: -1), Contract.GrantRefusalReason.Expired),
            (cabinet.IssueGrant(1, validFromOffsetMs: 3_600_000, validForMs: 7_200_000), Contract.GrantRefusalReason.NotYetValid),
        ];
        foreach ((SignedGrant grant, _) in cases)
        {
            cabinet.Firmware.SubmitGrant(grant.ToByteArray());
            cabinet.Tick();
        }

        cabinet.Firmware.SubmitGrant([0x0A, 0xFF]);
        cabinet.Tick();

        List<Contract.DeviceEvent> refused = cabinet.JournalEvents().Where(e => e.Type == ET.GrantRefused).ToList();
        Assert.That(refused.Select(e => e.RefusalReason), Is.EqualTo(cases.Select(c => c.Reason).Append(Contract.GrantRefusalReason.Malformed)));
        Assert.That(refused[1].GrantId, Is.EqualTo(UnlockGrant.Parse(cases[1].Grant.Grant).GrantId));
        Assert.That(cabinet.Solenoids.Sum(s => s.OnCount), Is.Zero);
    }

    [Test]
    public void A_technician_chain_restart_starts_the_next_epoch_at_seq_one_and_the_authorised_cloud_takes_it()
    {
        using Cabinet cabinet = new();
        cabinet.Boot();
        cabinet.SyncWithCloud();
        cabinet.Cloud.ChainRestartAuthorized = true;

        cabinet.Firmware.RestartChain("journal wiped by technician");
        cabinet.SyncWithCloud();

        List<Contract.DeviceEvent> stored = cabinet.Cloud.StoredEvents();
        Assert.That(stored[0].Type, Is.EqualTo(ET.ChainRestart));
        Assert.That(stored[0].Seq, Is.EqualTo(1UL));
        Assert.That(stored[0].ChainEpoch, Is.EqualTo(2u));
        Assert.That(stored[0].PrevHash.ToByteArray(), Is.EqualTo(new byte[32]));
        Assert.That(cabinet.Firmware.ChainEpoch, Is.EqualTo(2u));
        Assert.That(cabinet.PowerCycle().ChainEpoch, Is.EqualTo(2u), "the new epoch survives a reboot");
    }

    private static SignedGrant Tamper(SignedGrant grant)
    {
        byte[] bytes = (byte[])grant.Grant.Clone();
        bytes[^1] ^= 1;
        return new SignedGrant { Grant = bytes, Mac = grant.Mac };
    }

    /// <summary>A one-press grant for sleeve 1, pushed, lifted, pressed once and returned.</summary>
    private static void StampOnce(Cabinet cabinet)
    {
        cabinet.SubmitAndPushButton(cabinet.IssueGrant(1, presses: 1));
        cabinet.Lift(1);
        cabinet.PressOnce(1);
        cabinet.Return(1);
    }
}
