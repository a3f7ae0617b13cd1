using System.Security.Cryptography;
using Google.Protobuf;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Grants;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Core.Storage;
using SealCabinet.Firmware.Core.Tests.Support;
using SealCabinet.Firmware.Core.Time;
using SealCabinet.Firmware.Host.Clock;
using SealCabinet.Firmware.Host.Flash;
using SealCabinet.Firmware.Host.Gpio;
using Contract = SealCabinet.Contracts.V1;

namespace SealCabinet.Firmware.Core.Tests.Firmware;

/// <summary>Grant intake on its own: queue, verdicts, the persisted counter, and which repeated copies leave a trace.</summary>
[TestFixture]
public sealed class GrantIntakeTests
{
    private const string DeviceId = "cab-intake";
    private const long ServerNow = 1_760_000_000_000;
    private const long UnlockWindowMs = 30_000;
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(i + 40)).ToArray();
    private static readonly SealKind[] Kinds = [SealKind.Party, SealKind.Committee, SealKind.Cooperative];

    private ManualClock _clock = null!;
    private InMemoryFlashStore _flash = null!;
    private EventJournal _journal = null!;
    private EventRecorder _recorder = null!;
    private TrustedClock _time = null!;
    private SleeveController[] _sleeves = null!;
    private SimulatedOutput[] _solenoids = null!;
    private GrantIntake _intake = null!;
    private SleeveHost _sleeveHost = null!;

    [SetUp]
    public void SetUp()
    {
        ManagedMacProvider mac = new();
        DeviceKeys keys = DeviceKeys.Derive(Secret, mac);
        _clock = new ManualClock(2_000);
        _flash = new InMemoryFlashStore();
        _time = new TrustedClock(DeviceId, keys.TimeKey, mac, _clock);
        byte[] nonce = RandomNumberGenerator.GetBytes(16);
        byte[] time = new Contract.ServerTime { DeviceId = DeviceId, ServerTimeMs = ServerNow, Nonce = ByteString.CopyFrom(nonce) }.ToByteArray();
        Assert.That(_time.Apply(new SignedServerTime { Time = time, Mac = HMACSHA256.HashData(CloudDevice.Key(Secret, "time"), time) }, nonce), Is.EqualTo(TimeUpdateResult.Accepted));
        _journal = new EventJournal(_flash, new JournalOptions());
        _journal.Recover();
        _recorder = new EventRecorder(DeviceId, keys.EventKey, mac, _clock, _time, _journal, new DeviceState { ChainEpoch = 1 }, new QuietRecorderHost());
        _recorder.RecoverChainHead();
        SleeveTimings timings = new() { UnlockWindowMs = UnlockWindowMs };
        _sleeveHost = new SleeveHost(_recorder, _time);
        _solenoids = [new(), new(), new()];
        _sleeves = Enumerable.Range(0, 3).Select(i => new SleeveController((uint)(i + 1), Kinds[i], _solenoids[i], timings, _sleeveHost)).ToArray();
        foreach (SleeveController sleeve in _sleeves)
        {
            sleeve.Restore(null, seated: true, pressed: false, _clock.UptimeMs);
        }

        _intake = new GrantIntake(_clock, _sleeves);
        OpenIntake();
    }

    [Test]
    public void A_valid_grant_persists_its_counter_records_grant_accepted_and_makes_its_sleeve_ready_still_locked()
    {
        _intake.Enqueue(Sign(Grant(counter: 5)));

        _intake.HandleQueued();

        Assert.That(_intake.LastDecision!.Accepted, Is.True);
        Assert.That(_intake.HighestCounter, Is.EqualTo(5UL));
        Assert.That(AntiReplayWindow.Deserialize(new SlotFile(_flash, "grants").Load()).Highest, Is.EqualTo(5UL), "persisted");
        Assert.That(_sleeves[0].Phase, Is.EqualTo(SleevePhase.Ready));
        Assert.That(_solenoids[0].OnCount, Is.Zero, "the approval alone opens nothing");
        DeviceEvent accepted = Events().First(e => e.Type == EventType.GrantAccepted);
        Assert.That((accepted.Sleeve, accepted.SealKind, accepted.GrantCounter, accepted.Detail), Is.EqualTo((1u, SealKind.Party, 5UL, "labour-hiring")));
        Assert.That(accepted.ApprovalDigest, Is.EqualTo(Grant(counter: 5).ApprovalDigest.ToByteArray()), "the signed approval's digest, echoed into the chain");
    }

    [Test]
    public void A_polled_copy_of_a_decided_grant_leaves_no_trace()
    {
        byte[] signed = Sign(Grant(counter: 1));
        _intake.Enqueue(signed);
        _intake.HandleQueued();
        int events = Events().Length;

        _intake.HandleFetched([SignedGrant.Parse(signed)]);

        Assert.That(Events(), Has.Length.EqualTo(events));
    }

    [Test]
    public void An_mqtt_copy_of_a_grant_in_use_is_ignored_and_a_copy_after_its_use_is_refused_as_replayed()
    {
        byte[] signed = Sign(Grant(counter: 1));
        _intake.Enqueue(signed);
        _intake.HandleQueued();
        int events = Events().Length;

        _intake.Enqueue(signed);
        _intake.HandleQueued();
        Assert.That(Events(), Has.Length.EqualTo(events), "the copy while the sleeve works on it");

        _sleeves[0].OnStampButton(true, _clock.UptimeMs);
        _clock.Advance(UnlockWindowMs);
        _sleeves[0].Tick(_clock.UptimeMs);
        _intake.Enqueue(signed);
        _intake.HandleQueued();

        DeviceEvent refused = Events().Last();
        Assert.That((refused.Type, refused.RefusalReason), Is.EqualTo((EventType.GrantRefused, GrantRefusalReason.Replayed)));
    }

    [Test]
    public void A_grant_for_a_busy_sleeve_is_refused_as_sleeve_busy_and_may_come_again()
    {
        _intake.Enqueue(Sign(Grant(counter: 1)));
        _intake.HandleQueued();
        byte[] second = Sign(Grant(counter: 2));

        _intake.HandleFetched([SignedGrant.Parse(second)]);
        Assert.That(_intake.LastDecision!.Reason, Is.EqualTo(GrantRefusalReason.SleeveBusy), "a READY sleeve is busy");

        _sleeves[0].OnStampButton(true, _clock.UptimeMs);
        _clock.Advance(UnlockWindowMs);
        _sleeves[0].Tick(_clock.UptimeMs);
        _intake.HandleFetched([SignedGrant.Parse(second)]);

        Assert.That(_intake.LastDecision!.Accepted, Is.True, "a busy sleeve is not a permanent refusal");
    }

    [Test]
    public void A_grant_whose_counter_cannot_be_persisted_is_refused_and_leaves_the_window_as_it_was()
    {
        _flash.FailWrites = true;
        _intake.Enqueue(Sign(Grant(counter: 9)));

        _intake.HandleQueued();

        Assert.That(_intake.LastDecision!.Reason, Is.EqualTo(GrantRefusalReason.StorageFault));
        Assert.That(_intake.HighestCounter, Is.Zero);
        Assert.That(_solenoids[0].OnCount, Is.Zero);
    }

    [Test]
    public void A_grant_whose_sleeve_state_cannot_be_saved_is_refused_and_the_solenoid_never_moves()
    {
        _sleeveHost.FailSaves = true;
        _intake.Enqueue(Sign(Grant(counter: 6)));

        _intake.HandleQueued();

        Assert.That(_intake.LastDecision!.Reason, Is.EqualTo(GrantRefusalReason.StorageFault));
        Assert.That(_solenoids[0].OnCount, Is.Zero, "an unlock the cabinet could not remember after a power cut is never started");
        Assert.That(_sleeves[0].Phase, Is.EqualTo(SleevePhase.Locked));
        Assert.That(_sleeves[0].IsIdle, Is.True);
        Assert.That(Events().Select(e => e.Type), Does.Not.Contain(EventType.GrantAccepted).And.Not.Contain(EventType.SleeveUnlocked));
        Assert.That(Events().Single(e => e.Type == EventType.GrantRefused).RefusalReason, Is.EqualTo(GrantRefusalReason.StorageFault));

        _sleeveHost.FailSaves = false;
        _intake.HandleFetched([SignedGrant.Parse(Sign(Grant(counter: 6)))]);
        Assert.That(_solenoids[0].OnCount, Is.Zero, "its counter is spent: the same grant is not taken again once the flash recovers");
    }

    [Test]
    public void Oversized_grants_and_grants_beyond_the_queue_limit_are_dropped_before_verification()
    {
        _intake.Enqueue(new byte[GrantIntake.MaxGrantPayloadBytes + 1]);
        for (int i = 0; i < GrantIntake.MaxQueuedGrants + 5; i++)
        {
            _intake.Enqueue([0xFF]);
        }

        _intake.HandleQueued();

        Assert.That(Events().Count(e => e.Type == EventType.GrantRefused), Is.EqualTo(GrantIntake.MaxQueuedGrants));
    }

    [Test]
    public void Closing_forgets_the_queue_and_the_remembered_grants_but_not_the_persisted_counter()
    {
        byte[] signed = Sign(Grant(counter: 3));
        _intake.Enqueue(signed);
        _intake.HandleQueued();
        _clock.Advance(UnlockWindowMs);
        _sleeves[0].Tick(_clock.UptimeMs);
        _intake.Enqueue(Sign(Grant(counter: 4)));

        _intake.Close();
        Assert.That(_intake.HighestCounter, Is.Zero);
        OpenIntake();
        _intake.HandleQueued();
        _intake.HandleFetched([SignedGrant.Parse(signed)]);

        Assert.That(_intake.LastDecision!.Reason, Is.EqualTo(GrantRefusalReason.Replayed), "the poll's copy is verified again after a restart");
        Assert.That(_intake.HighestCounter, Is.EqualTo(3UL), "the queued grant went with the old boot");
    }

    private static Contract.UnlockGrant Grant(ulong counter) => new()
    {
        GrantId = "g-" + counter,
        DeviceId = DeviceId,
        Sleeve = 1,
        SealKind = Contract.SealKind.Party,
        RequestId = "r-" + counter,
        MatterCode = "labour-hiring",
        PressesAllowed = 1,
        DocumentDigest = ByteString.CopyFrom(new byte[32]),
        ApprovalDigest = ByteString.CopyFrom(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("approval " + counter))),
        NotBeforeMs = ServerNow - 60_000,
        ExpiresAtMs = ServerNow + 600_000,
        Counter = counter,
    };

    private static byte[] Sign(Contract.UnlockGrant grant)
    {
        byte[] bytes = grant.ToByteArray();
        return new Contract.SignedGrant { Grant = ByteString.CopyFrom(bytes), Mac = ByteString.CopyFrom(HMACSHA256.HashData(CloudDevice.Key(Secret, "grant"), bytes)) }.ToByteArray();
    }

    private void OpenIntake()
    {
        SlotFile file = new(_flash, "grants");
        AntiReplayWindow window = AntiReplayWindow.Deserialize(file.Load());
        DeviceKeys keys = DeviceKeys.Derive(Secret, new ManagedMacProvider());
        GrantVerifier verifier = new(DeviceId, keys.GrantKey, new ManagedMacProvider(), Kinds, _time, window);
        _intake.Open(verifier, window, file, _journal, _recorder, DeviceId, keys.WithdrawalKey, new ManagedMacProvider());
    }

    private DeviceEvent[] Events()
    {
        System.Collections.ArrayList payloads = [];
        _journal.Read(0, 10_000, int.MaxValue, payloads);
        return payloads.Cast<byte[]>().Select(p => DeviceEvent.Parse(SignedEvent.Parse(p).Event)).ToArray();
    }

    private sealed class QuietRecorderHost : IEventRecorderHost
    {
        public void SaveDeviceState()
        {
        }

        public void OnAlarmRecorded()
        {
        }

        public void OnOrdinaryEventDropped()
        {
        }

        public void OnEventLost()
        {
        }
    }

    private sealed class SleeveHost(EventRecorder recorder, TrustedClock time) : ISleeveHost
    {
        /// <summary>When set, the sleeve state cannot be saved (a worn or full flash).</summary>
        public bool FailSaves { get; set; }

        public void Raise(DeviceEvent deviceEvent) => recorder.Raise(deviceEvent);

        public bool SaveSleeves() => !FailSaves;

        public long TrustedTimeMs() => time.HasTrustedTime ? time.NowMs : -1;

        public bool CanRecordStamping() => true;

        public string AuthorizeStamp(string custodianId) => string.Empty;

        public void ShowReady(uint sleeve, bool ready, bool tone)
        {
        }

        public void RequestEvidence(uint sleeve, EvidenceKind kind, string grantId)
        {
        }
    }
}
