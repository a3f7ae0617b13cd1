using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Time;
using SealCabinet.Firmware.Host.Clock;
using SealCabinet.Firmware.Host.Flash;

namespace SealCabinet.Firmware.Core.Tests.Firmware;

/// <summary>The event chain on its own: signing, journaling, recovery, chain restarts, acks and a full journal.</summary>
[TestFixture]
public sealed class EventRecorderTests
{
    private const string DeviceId = "cab-recorder";
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

    private ManualClock _clock = null!;
    private InMemoryFlashStore _flash = null!;
    private DeviceState _state = null!;
    private RecordingHost _host = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new ManualClock(1_000);
        _flash = new InMemoryFlashStore();
        _state = new DeviceState { BootCount = 3, ChainEpoch = 1 };
        _host = new RecordingHost();
    }

    [Test]
    public void Events_get_consecutive_seqs_from_1_and_each_prev_hash_is_the_hash_of_the_event_before()
    {
        (EventRecorder recorder, EventJournal journal) = Open();

        Raise(recorder, EventType.Boot);
        _clock.Advance(500);
        Raise(recorder, EventType.Heartbeat);

        DeviceEvent[] events = Read(journal);
        Assert.That(events.Select(e => e.Seq), Is.EqualTo(new ulong[] { 1, 2 }));
        Assert.That(events[0].PrevHash, Is.EqualTo(new byte[32]));
        Assert.That(events[1].PrevHash, Is.EqualTo(SHA256.HashData(SignedEvent.Parse(Payloads(journal)[0]).Event)));
        Assert.That(events[1].UptimeMs, Is.EqualTo(1_500UL));
        Assert.That(events.Select(e => e.BootCount), Is.All.EqualTo(3u));
        Assert.That(events.Select(e => e.DeviceId), Is.All.EqualTo(DeviceId));
        Assert.That(recorder.LastSeq, Is.EqualTo(2UL));
    }

    [Test]
    public void Every_event_is_signed_with_the_event_key_over_its_exact_bytes()
    {
        (EventRecorder recorder, EventJournal journal) = Open();

        Raise(recorder, EventType.Boot);

        SignedEvent signed = SignedEvent.Parse(journal.LastPayload);
        Assert.That(signed.Mac, Is.EqualTo(HMACSHA256.HashData(Key("event"), signed.Event)));
    }

    [Test]
    public void A_detail_longer_than_200_utf8_bytes_is_cut_at_a_character()
    {
        (EventRecorder recorder, EventJournal journal) = Open();

        recorder.Raise(new DeviceEvent { Type = EventType.Boot, Detail = new string('印', 100) });

        Assert.That(Read(journal)[0].Detail, Is.EqualTo(new string('印', 66)), "66 three-byte characters fit in 200 bytes");
    }

    [Test]
    public void A_new_recorder_continues_the_chain_the_journal_holds()
    {
        (EventRecorder first, EventJournal _) = Open();
        Raise(first, EventType.Boot);
        Raise(first, EventType.Heartbeat);

        (EventRecorder second, EventJournal journal) = Open();
        string note = second.RecoverChainHead();
        Raise(second, EventType.Boot);

        DeviceEvent[] events = Read(journal);
        Assert.That(note, Is.Empty);
        Assert.That(events.Select(e => e.Seq), Is.EqualTo(new ulong[] { 1, 2, 3 }));
        Assert.That(events[2].PrevHash, Is.EqualTo(SHA256.HashData(SignedEvent.Parse(Payloads(journal)[1]).Event)));
    }

    [Test]
    public void A_journal_lost_after_acks_starts_the_next_epoch_at_seq_1_and_says_so()
    {
        _state.AckedSeq = 5;
        (EventRecorder recorder, EventJournal journal) = Open();

        Raise(recorder, EventType.Boot);

        Assert.That(_host.LastRecorderNote, Is.EqualTo("; journal lost, chain restarted at epoch 2"));
        Assert.That(recorder.ChainEpoch, Is.EqualTo(2u));
        Assert.That(recorder.AckedSeq, Is.Zero);
        Assert.That(_host.SavedStates.Last(), Is.EqualTo((0UL, 2u)), "the new epoch is persisted");
        Assert.That(Read(journal).Single().Seq, Is.EqualTo(1UL));
    }

    [Test]
    public void A_recovered_head_of_another_epoch_is_written_back_to_the_device_state()
    {
        _state.ChainEpoch = 4;
        (EventRecorder first, EventJournal _) = Open();
        Raise(first, EventType.Boot);
        _state.ChainEpoch = 1;

        Open();

        Assert.That(_state.ChainEpoch, Is.EqualTo(4u));
        Assert.That(_host.SavedStates.Last(), Is.EqualTo((0UL, 4u)));
    }

    [Test]
    public void Acknowledging_persists_the_acked_seq_and_trims_the_journal()
    {
        (EventRecorder recorder, EventJournal journal) = Open(new JournalOptions { SegmentBytes = 4096, MaxSegments = 8 });
        while (journal.SegmentCount < 3)
        {
            Raise(recorder, EventType.Heartbeat);
        }

        ulong acked = recorder.LastSeq - 1;
        recorder.Acknowledge(acked);

        Assert.That(recorder.AckedSeq, Is.EqualTo(acked));
        Assert.That(_state.AckedSeq, Is.EqualTo(acked), "the device state is the acked seq's persisted form");
        Assert.That(_host.SavedStates.Last(), Is.EqualTo((acked, 1u)));
        Assert.That(journal.FirstSeq, Is.GreaterThan(1UL).And.LessThanOrEqualTo(acked + 1), "whole acked segments are gone, the unacked event stays");
    }

    [Test]
    public void Restarting_the_chain_wipes_the_journal_and_records_chain_restart_at_seq_1_of_the_next_epoch()
    {
        (EventRecorder recorder, EventJournal journal) = Open();
        for (int i = 0; i < 4; i++)
        {
            Raise(recorder, EventType.Heartbeat);
        }

        recorder.Acknowledge(1);

        recorder.RestartChain("bench wipe");

        DeviceEvent restart = Read(journal).Single();
        Assert.That(restart.Type, Is.EqualTo(EventType.ChainRestart));
        Assert.That((restart.Seq, restart.ChainEpoch), Is.EqualTo((1UL, 2u)));
        Assert.That(restart.PrevHash, Is.EqualTo(new byte[32]));
        Assert.That(restart.Detail, Is.EqualTo("bench wipe; 3 unacked events dropped"));
        Assert.That(recorder.AckedSeq, Is.Zero);
        Assert.That(_host.SavedStates.Last(), Is.EqualTo((0UL, 2u)));
    }

    [Test]
    public void A_journaled_alarm_sounds_the_buzzer_and_an_ordinary_event_does_not()
    {
        (EventRecorder recorder, EventJournal _) = Open();

        Raise(recorder, EventType.Heartbeat);
        Assert.That(_host.Alarms, Is.Zero);
        Raise(recorder, EventType.TamperAlarm);

        Assert.That(_host.Alarms, Is.EqualTo(1));
    }

    [Test]
    public void A_full_journal_drops_ordinary_events_records_journal_full_once_and_reports_lost_stamping_events()
    {
        (EventRecorder recorder, EventJournal journal) = Open(new JournalOptions { SegmentBytes = 4096, MaxSegments = 4 });
        while (_host.Dropped == 0)
        {
            Raise(recorder, EventType.Heartbeat);
        }

        Raise(recorder, EventType.Heartbeat);
        Assert.That(Read(journal).Count(e => e.Type == EventType.JournalFull), Is.EqualTo(1));
        Assert.That(_host.Dropped, Is.EqualTo(2));

        Assert.That(_host.Alarms, Is.EqualTo(1), "JOURNAL_FULL is an alarm");

        while (_host.Lost == 0)
        {
            Raise(recorder, EventType.Press);
        }

        Assert.That(Read(journal).Last().Type, Is.EqualTo(EventType.Press), "stamping events use the reserve until it is gone");
    }

    [Test]
    public void Nothing_is_recorded_before_the_chain_head_is_recovered()
    {
        EventJournal journal = new(_flash, new JournalOptions());
        journal.Recover();
        EventRecorder recorder = new(DeviceId, Key("event"), new ManagedMacProvider(), _clock, Time(), journal, _state, _host);

        Raise(recorder, EventType.Boot);

        Assert.That(journal.LastPayload, Is.Null);
        Assert.That(recorder.LastSeq, Is.Zero);
    }

    private static void Raise(EventRecorder recorder, EventType type) => recorder.Raise(new DeviceEvent { Type = type });

    private static byte[] Key(string purpose) => HMACSHA256.HashData(Secret, System.Text.Encoding.ASCII.GetBytes("sealcabinet/v1/key/" + purpose));

    private static byte[][] Payloads(EventJournal journal)
    {
        System.Collections.ArrayList payloads = [];
        journal.Read(0, 10_000, int.MaxValue, payloads);
        return payloads.Cast<byte[]>().ToArray();
    }

    private static DeviceEvent[] Read(EventJournal journal) => Payloads(journal).Select(p => DeviceEvent.Parse(SignedEvent.Parse(p).Event)).ToArray();

    private TrustedClock Time() => new(DeviceId, Key("time"), new ManagedMacProvider(), _clock);

    private (EventRecorder Recorder, EventJournal Journal) Open(JournalOptions? options = null)
    {
        EventJournal journal = new(_flash, options ?? new JournalOptions());
        journal.Recover();
        _host.State = _state;
        EventRecorder recorder = new(DeviceId, Key("event"), new ManagedMacProvider(), _clock, Time(), journal, _state, _host);
        _host.LastRecorderNote = recorder.RecoverChainHead();
        return (recorder, journal);
    }

    private sealed class RecordingHost : IEventRecorderHost
    {
        public DeviceState State { get; set; } = new();

        public List<(ulong AckedSeq, uint ChainEpoch)> SavedStates { get; } = [];

        public string LastRecorderNote { get; set; } = string.Empty;

        public int Alarms { get; private set; }

        public int Dropped { get; private set; }

        public int Lost { get; private set; }

        public void SaveDeviceState() => SavedStates.Add((State.AckedSeq, State.ChainEpoch));

        public void OnAlarmRecorded() => Alarms++;

        public void OnOrdinaryEventDropped() => Dropped++;

        public void OnEventLost() => Lost++;
    }
}
