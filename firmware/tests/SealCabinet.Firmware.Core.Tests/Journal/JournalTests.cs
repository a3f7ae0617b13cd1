using System.Collections;
using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Events;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Tests.Support;
using SealCabinet.Firmware.Host.Flash;
using Contract = SealCabinet.Contracts.V1;

namespace SealCabinet.Firmware.Core.Tests.Journal;

/// <summary>The CRC-framed segment journal: recovery after torn writes, the full-flash policy, ack and trim.</summary>
[TestFixture]
public sealed class JournalTests
{
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Test]
    public void Appended_records_are_recovered_in_order_after_a_reboot()
    {
        InMemoryFlashStore flash = new(1 << 20);
        EventSigner signer = NewSigner();
        EventJournal journal = NewJournal(flash);
        AppendEvents(journal, signer, 100);

        EventJournal recovered = NewJournal(flash);
        JournalRecoveryReport report = recovered.Recover();

        Assert.That(report.Records, Is.EqualTo(100));
        Assert.That(report.TornSegments, Is.Zero);
        Assert.That(recovered.FirstSeq, Is.EqualTo(1UL));
        Assert.That(recovered.LastSeq, Is.EqualTo(100UL));
        Assert.That(recovered.SegmentCount, Is.GreaterThan(1), "100 events span several 2 KiB segments");
        AssertChain(ReadAll(recovered), 1, 100);
    }

    [Test]
    public void Cutting_the_last_record_at_every_byte_offset_drops_only_that_record_and_the_chain_continues()
    {
        InMemoryFlashStore original = new(1 << 20);
        EventSigner signer = NewSigner();
        EventJournal journal = NewJournal(original);
        AppendEvents(journal, signer, 12);
        string last = original.List().Where(n => n.StartsWith("jnl", StringComparison.Ordinal)).Max()!;
        int fullLength = original.GetLength(last);
        int lastRecordLength = JournalRecord.OverheadBytes + journal.LastPayload!.Length;

        for (int cut = 0; cut <= lastRecordLength; cut++)
        {
            InMemoryFlashStore flash = original.Clone();
            flash.Truncate(last, fullLength - lastRecordLength + cut);
            EventJournal recovered = NewJournal(flash);
            JournalRecoveryReport report = recovered.Recover();
            ulong expectedLast = cut == lastRecordLength ? 12UL : 11UL;

            Assert.That(recovered.LastSeq, Is.EqualTo(expectedLast), $"cut {cut}");
            Assert.That(report.TornSegments, Is.EqualTo(cut > 0 && cut < lastRecordLength ? 1 : 0), $"cut {cut}");

            // The chain head comes back from the journal, and new events continue it.
            EventSigner resumed = ResumeSigner(recovered);
            AppendEvents(recovered, resumed, 3);
            EventJournal again = NewJournal(flash);
            again.Recover();
            AssertChain(ReadAll(again), 1, expectedLast + 3);
        }
    }

    [Test]
    public void A_corrupted_byte_in_an_older_segment_loses_only_the_records_behind_it_in_that_segment()
    {
        InMemoryFlashStore flash = new(1 << 20);
        EventJournal journal = NewJournal(flash);
        AppendEvents(journal, NewSigner(), 60);
        string first = flash.List().Where(n => n.StartsWith("jnl", StringComparison.Ordinal)).Min()!;
        byte[] data = flash.ReadAll(first)!;
        data[data.Length / 2] ^= 0x40;
        flash.SetFile(first, data);

        EventJournal recovered = NewJournal(flash);
        JournalRecoveryReport report = recovered.Recover();

        Assert.That(report.TornSegments, Is.EqualTo(1));
        Assert.That(report.Discontinuities, Is.EqualTo(1));
        Assert.That(recovered.LastSeq, Is.EqualTo(60UL));
        Assert.That(report.Records, Is.LessThan(60).And.GreaterThan(40));
    }

    [Test]
    public void Ordinary_events_stop_at_the_reserve_stampings_continue_into_it_and_alarms_fill_the_rest()
    {
        JournalOptions options = new() { SegmentBytes = 4096, MaxSegments = 4, StampingReserveBytes = 2100, AlarmReserveBytes = 2100 };
        EventJournal journal = new(new InMemoryFlashStore(1 << 20), options);
        journal.Recover();
        EventSigner signer = NewSigner();

        int ordinary = AppendUntilFull(journal, signer, EventType.Heartbeat);
        int stamping = AppendUntilFull(journal, signer, EventType.Press);
        int alarms = AppendUntilFull(journal, signer, EventType.TamperAlarm);

        Assert.That(ordinary, Is.GreaterThan(0));
        Assert.That(stamping, Is.GreaterThan(0), "stamping events use the stamping reserve");
        Assert.That(alarms, Is.GreaterThan(0), "alarms use the alarm reserve");
        Assert.That(journal.UsedBytes, Is.LessThanOrEqualTo(options.CapacityBytes));
        Assert.That(journal.Fits(EventPriority.Alarm, 200), Is.False);
        Assert.That(journal.UsedBytes, Is.GreaterThan(options.CapacityBytes - 2 * 4096), "the capacity is used, not wasted");
        AssertChain(ReadAll(journal), 1, (ulong)(ordinary + stamping + alarms));
    }

    [Test]
    public void Acking_deletes_fully_acked_segments_but_never_the_segment_with_the_newest_record()
    {
        InMemoryFlashStore flash = new(1 << 20);
        EventJournal journal = NewJournal(flash);
        AppendEvents(journal, NewSigner(), 80);
        int segments = journal.SegmentCount;

        int partly = journal.Trim(journal.FirstSeq);
        Assert.That(partly, Is.Zero, "a segment with unacked records stays");

        int all = journal.Trim(80);
        Assert.That(all, Is.EqualTo(segments - 1));
        Assert.That(journal.SegmentCount, Is.EqualTo(1));
        Assert.That(journal.LastSeq, Is.EqualTo(80UL));

        EventJournal recovered = NewJournal(flash);
        recovered.Recover();
        Assert.That(recovered.LastSeq, Is.EqualTo(80UL), "the chain head survives the trim");
        Assert.That(flash.List().Count(n => n.StartsWith("jnl", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void Acking_frees_space_so_a_full_journal_takes_ordinary_events_again()
    {
        JournalOptions options = new() { SegmentBytes = 4096, MaxSegments = 4, StampingReserveBytes = 2100, AlarmReserveBytes = 2100 };
        EventJournal journal = new(new InMemoryFlashStore(1 << 20), options);
        journal.Recover();
        EventSigner signer = NewSigner();
        AppendUntilFull(journal, signer, EventType.Heartbeat);

        journal.Trim(signer.LastSeq);

        Assert.That(journal.Fits(EventPriority.Ordinary, 200), Is.True);
    }

    [Test]
    public void Reading_returns_consecutive_records_across_segments_within_the_limits()
    {
        EventJournal journal = NewJournal(new InMemoryFlashStore(1 << 20));
        AppendEvents(journal, NewSigner(), 50);

        ArrayList batch = [];
        int count = journal.Read(7, 20, int.MaxValue, batch);
        ArrayList small = [];
        int limited = journal.Read(7, 20, 300, small);

        Assert.That(count, Is.EqualTo(20));
        AssertChain(batch.Cast<byte[]>().ToList(), 7, 26);
        Assert.That(limited, Is.InRange(1, 3), "the byte limit cuts the batch");
    }

    [Test]
    public void A_failed_flash_write_seals_the_segment_and_the_next_record_starts_a_new_one()
    {
        InMemoryFlashStore flash = new(1 << 20);
        EventJournal journal = NewJournal(flash);
        EventSigner signer = NewSigner();
        AppendEvents(journal, signer, 5);
        int segments = journal.SegmentCount;

        flash.FailWrites = true;
        SignedEventRecord failed = signer.Sign(Event(EventType.Press));
        JournalAppendResult result = journal.Append(failed.Seq, failed.SignedEventBytes, EventPriority.Stamping);
        flash.FailWrites = false;
        SignedEventRecord retried = signer.Sign(Event(EventType.Press));
        JournalAppendResult second = journal.Append(retried.Seq, retried.SignedEventBytes, EventPriority.Stamping);
        signer.Accept(retried);

        Assert.That(result, Is.EqualTo(JournalAppendResult.WriteFailed));
        Assert.That(second, Is.EqualTo(JournalAppendResult.Appended));
        Assert.That(journal.SegmentCount, Is.EqualTo(segments + 1));
        EventJournal recovered = NewJournal(flash);
        recovered.Recover();
        AssertChain(ReadAll(recovered), 1, 6);
    }

    private static EventSigner NewSigner() => EventSigner.ForNewChain("cab-journal", Secret, 1);

    private static EventJournal NewJournal(InMemoryFlashStore flash)
    {
        EventJournal journal = new(flash, new JournalOptions { SegmentBytes = 2048, MaxSegments = 1000, StampingReserveBytes = 2100, AlarmReserveBytes = 2100 });
        journal.Recover();
        return journal;
    }

    private static EventSigner ResumeSigner(EventJournal journal)
    {
        Contract.SignedEvent signed = Contract.SignedEvent.Parser.ParseFrom(journal.LastPayload);
        byte[] bytes = signed.Event.ToByteArray();
        ulong seq = Contract.DeviceEvent.Parser.ParseFrom(bytes).Seq;
        return new EventSigner("cab-journal", CloudDevice.Key(Secret, "event"), new SealCabinet.Firmware.Core.Crypto.ManagedMacProvider(), 1, seq, SHA256.HashData(bytes));
    }

    private static DeviceEvent Event(EventType type) => new() { Type = type, Sleeve = 1, Detail = "journal test event with some detail text", UptimeMs = 123456 };

    private static void AppendEvents(EventJournal journal, EventSigner signer, int count)
    {
        for (int i = 0; i < count; i++)
        {
            SignedEventRecord record = signer.Sign(Event(EventType.Press));
            Assert.That(journal.Append(record.Seq, record.SignedEventBytes, EventPriority.Stamping), Is.EqualTo(JournalAppendResult.Appended));
            signer.Accept(record);
        }
    }

    private static int AppendUntilFull(EventJournal journal, EventSigner signer, EventType type)
    {
        int count = 0;
        while (true)
        {
            SignedEventRecord record = signer.Sign(Event(type));
            JournalAppendResult result = journal.Append(record.Seq, record.SignedEventBytes, EventPriority.Of(type));
            if (result != JournalAppendResult.Appended)
            {
                Assert.That(result, Is.EqualTo(JournalAppendResult.Full));
                return count;
            }

            signer.Accept(record);
            count++;
        }
    }

    private static List<byte[]> ReadAll(EventJournal journal)
    {
        ArrayList payloads = [];
        journal.Read(0, int.MaxValue, int.MaxValue, payloads);
        return payloads.Cast<byte[]>().ToList();
    }

    /// <summary>Checks seq continuity, MACs and prev_hash with the BCL and Google.Protobuf.</summary>
    private static void AssertChain(List<byte[]> payloads, ulong firstSeq, ulong lastSeq)
    {
        Assert.That(payloads, Has.Count.EqualTo((int)(lastSeq - firstSeq + 1)));
        byte[] key = CloudDevice.Key(Secret, "event");
        byte[]? previous = null;
        ulong expected = firstSeq;
        foreach (byte[] payload in payloads)
        {
            Contract.SignedEvent signed = Contract.SignedEvent.Parser.ParseFrom(payload);
            byte[] bytes = signed.Event.ToByteArray();
            Contract.DeviceEvent e = Contract.DeviceEvent.Parser.ParseFrom(bytes);
            Assert.That(e.Seq, Is.EqualTo(expected));
            Assert.That(signed.Mac.ToByteArray(), Is.EqualTo(HMACSHA256.HashData(key, bytes)));
            if (e.Seq == 1)
            {
                Assert.That(e.PrevHash.ToByteArray(), Is.EqualTo(new byte[32]));
            }
            else if (previous != null)
            {
                Assert.That(e.PrevHash.ToByteArray(), Is.EqualTo(SHA256.HashData(previous)));
            }

            previous = bytes;
            expected++;
        }
    }
}
