using System.Collections;
using SealCabinet.Firmware.Core.Events;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Core.Journal
{
    /// <summary>
    /// Append-only, crash-safe event journal in segment files ("jnl00000001.seg", …) on the flash store.
    /// Records are CRC-framed (<see cref="JournalRecord"/>); recovery keeps every complete record and drops a
    /// torn tail, then seals that segment so nothing is ever appended behind damaged bytes. Segments are
    /// deleted only when every record in them is acked by the cloud, and the segment holding the newest
    /// record is never deleted, so the chain head (last seq and hash) survives every reboot.
    /// Full-journal policy: ordinary events stop at capacity minus both reserves, stamping events at capacity
    /// minus the alarm reserve, alarms may fill it completely (see docs/firmware.md).
    /// </summary>
    public sealed class EventJournal
    {
        private const string FilePrefix = "jnl";
        private const string FileSuffix = ".seg";
        private readonly IFlashStore _flash;
        private readonly JournalOptions _options;
        private readonly ArrayList _segments = new ArrayList();
        private readonly byte[] _scratch = new byte[JournalRecord.MaxRecordBytes];
        private int _nextNumber = 1;
        private byte[]? _lastPayload;
        private int _cachedNumber = -1;
        private byte[]? _cachedData;

        /// <summary>Creates the journal; call <see cref="Recover"/> before use.</summary>
        /// <param name="flash">The flash store.</param>
        /// <param name="options">Sizing.</param>
        public EventJournal(IFlashStore flash, JournalOptions options)
        {
            string problem = options.Validate();
            if (problem.Length > 0)
            {
                throw new System.ArgumentException(problem, "options");
            }

            _flash = flash;
            _options = options;
        }

        /// <summary>The sizing in force.</summary>
        public JournalOptions Options
        {
            get { return _options; }
        }

        /// <summary>Number of segment files.</summary>
        public int SegmentCount
        {
            get { return _segments.Count; }
        }

        /// <summary>Number of records held.</summary>
        public int RecordCount
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _segments.Count; i++)
                {
                    count += Segment(i).RecordCount;
                }

                return count;
            }
        }

        /// <summary>Seq of the oldest record held (0 when empty).</summary>
        public ulong FirstSeq
        {
            get { return _segments.Count == 0 ? 0 : Segment(0).FirstSeq; }
        }

        /// <summary>Seq of the newest record held (0 when empty).</summary>
        public ulong LastSeq
        {
            get { return _segments.Count == 0 ? 0 : Segment(_segments.Count - 1).LastSeq; }
        }

        /// <summary>Payload (encoded SignedEvent) of the newest record, or null when empty.</summary>
        public byte[]? LastPayload
        {
            get { return _lastPayload; }
        }

        /// <summary>Bytes counted against the capacity (a sealed segment counts in full).</summary>
        public int UsedBytes
        {
            get
            {
                int used = 0;
                for (int i = 0; i < _segments.Count; i++)
                {
                    JournalSegment s = Segment(i);
                    used += s.Sealed ? _options.SegmentBytes : s.ValidBytes;
                }

                return used;
            }
        }

        /// <summary>Total capacity in bytes.</summary>
        public int CapacityBytes
        {
            get { return _options.CapacityBytes; }
        }

        /// <summary>The file name of segment <paramref name="number"/>.</summary>
        /// <param name="number">Segment number.</param>
        /// <returns>The name.</returns>
        public static string SegmentFileName(int number)
        {
            return FilePrefix + number.ToString("D8") + FileSuffix;
        }

        /// <summary>Scans the segment files after a boot: keeps complete records, drops torn tails.</summary>
        /// <returns>What was found.</returns>
        public JournalRecoveryReport Recover()
        {
            JournalRecoveryReport report = new JournalRecoveryReport();
            _segments.Clear();
            _lastPayload = null;
            _cachedNumber = -1;
            _cachedData = null;
            int[] numbers = FindSegmentNumbers();
            _nextNumber = numbers.Length == 0 ? 1 : numbers[numbers.Length - 1] + 1;
            ulong expected = 0;
            byte[]? lastData = null;
            int lastOffset = 0;
            for (int n = 0; n < numbers.Length; n++)
            {
                JournalSegment segment = new JournalSegment(numbers[n]);
                byte[] data = _flash.ReadAll(segment.FileName) ?? new byte[0];
                report.Segments++;
                int offset = 0;
                while (offset < data.Length)
                {
                    int length = JournalRecord.Check(data, offset, data.Length);
                    if (length == 0)
                    {
                        break;
                    }

                    ulong seq = JournalRecord.SeqAt(data, offset);
                    if (expected != 0 && seq != expected)
                    {
                        report.Discontinuities++;
                    }

                    if (segment.RecordCount == 0)
                    {
                        segment.FirstSeq = seq;
                    }

                    segment.LastSeq = seq;
                    segment.RecordCount++;
                    expected = seq + 1;
                    lastData = data;
                    lastOffset = offset;
                    offset += length;
                }

                segment.ValidBytes = offset;
                if (offset < data.Length)
                {
                    report.TornSegments++;
                    report.DroppedBytes += data.Length - offset;
                    segment.Sealed = true;
                }

                if (segment.RecordCount == 0)
                {
                    _flash.Delete(segment.FileName);
                    continue;
                }

                report.Records += segment.RecordCount;
                _segments.Add(segment);
            }

            for (int i = 0; i < _segments.Count - 1; i++)
            {
                Segment(i).Sealed = true;
            }

            if (lastData != null)
            {
                _lastPayload = JournalRecord.PayloadAt(lastData, lastOffset);
            }

            return report;
        }

        /// <summary>Whether a record with a payload of <paramref name="payloadLength"/> bytes fits for its class.</summary>
        /// <param name="priority">See <see cref="EventPriority"/>.</param>
        /// <param name="payloadLength">Payload length.</param>
        /// <returns>True when <see cref="Append"/> would not answer <see cref="JournalAppendResult.Full"/>.</returns>
        public bool Fits(int priority, int payloadLength)
        {
            if (payloadLength <= 0 || payloadLength > JournalRecord.MaxPayloadBytes)
            {
                return false;
            }

            int record = payloadLength + JournalRecord.OverheadBytes;
            int limit = _options.CapacityBytes;
            if (priority < EventPriority.Alarm)
            {
                limit -= _options.AlarmReserveBytes;
            }

            if (priority < EventPriority.Stamping)
            {
                limit -= _options.StampingReserveBytes;
            }

            JournalSegment? active = Active();
            int after;
            if (active != null && active.ValidBytes + record <= _options.SegmentBytes)
            {
                after = UsedBytes + record;
            }
            else
            {
                if (_segments.Count >= _options.MaxSegments)
                {
                    return false;
                }

                after = (_segments.Count * _options.SegmentBytes) + record;
            }

            return after <= limit;
        }

        /// <summary>Appends one record (the encoded SignedEvent of <paramref name="seq"/>).</summary>
        /// <param name="seq">The event's seq; must be <see cref="LastSeq"/> + 1 unless the journal is empty.</param>
        /// <param name="payload">The encoded SignedEvent.</param>
        /// <param name="priority">See <see cref="EventPriority"/>.</param>
        /// <returns>The outcome.</returns>
        public JournalAppendResult Append(ulong seq, byte[] payload, int priority)
        {
            if (!Fits(priority, payload.Length))
            {
                return JournalAppendResult.Full;
            }

            int length = JournalRecord.Write(_scratch, seq, payload);
            JournalSegment? segment = Active();
            if (segment == null || segment.ValidBytes + length > _options.SegmentBytes)
            {
                if (segment != null)
                {
                    segment.Sealed = true;
                }

                segment = new JournalSegment(_nextNumber++);
                _segments.Add(segment);
            }

            try
            {
                _flash.Append(segment.FileName, _scratch, 0, length);
            }
            catch (FlashStoreException)
            {
                // Whatever part of the record reached flash is a torn tail: never append behind it.
                segment.Sealed = true;
                if (segment.RecordCount == 0)
                {
                    _flash.Delete(segment.FileName);
                    _segments.Remove(segment);
                }

                return JournalAppendResult.WriteFailed;
            }

            if (segment.RecordCount == 0)
            {
                segment.FirstSeq = seq;
            }

            segment.LastSeq = seq;
            segment.RecordCount++;
            segment.ValidBytes += length;
            _lastPayload = payload;
            if (_cachedNumber == segment.Number)
            {
                _cachedNumber = -1;
                _cachedData = null;
            }

            return JournalAppendResult.Appended;
        }

        /// <summary>
        /// Reads consecutive payloads starting at <paramref name="fromSeq"/> (or the oldest record held, if later).
        /// </summary>
        /// <param name="fromSeq">First seq wanted.</param>
        /// <param name="maxRecords">Most records to return.</param>
        /// <param name="maxBytes">Most payload bytes to return (at least one record is returned).</param>
        /// <param name="payloads">Receives one byte[] per record, oldest first.</param>
        /// <returns>Number of records added.</returns>
        public int Read(ulong fromSeq, int maxRecords, int maxBytes, ArrayList payloads)
        {
            int added = 0;
            int bytes = 0;
            ulong expected = 0;
            for (int i = 0; i < _segments.Count && added < maxRecords; i++)
            {
                JournalSegment segment = Segment(i);
                if (segment.LastSeq < fromSeq)
                {
                    continue;
                }

                byte[] data = Load(segment);
                int offset = 0;
                while (offset < segment.ValidBytes && added < maxRecords)
                {
                    int length = JournalRecord.Check(data, offset, segment.ValidBytes);
                    if (length == 0)
                    {
                        return added;
                    }

                    ulong seq = JournalRecord.SeqAt(data, offset);
                    if (seq >= fromSeq)
                    {
                        if (expected != 0 && seq != expected)
                        {
                            return added;
                        }

                        int payloadLength = length - JournalRecord.OverheadBytes;
                        if (added > 0 && bytes + payloadLength > maxBytes)
                        {
                            return added;
                        }

                        payloads.Add(JournalRecord.PayloadAt(data, offset));
                        bytes += payloadLength;
                        added++;
                        expected = seq + 1;
                    }

                    offset += length;
                }
            }

            return added;
        }

        /// <summary>
        /// Deletes the oldest segments whose records are all acked. The segment holding the newest record
        /// is kept, so the chain head is always recoverable.
        /// </summary>
        /// <param name="ackedSeq">Highest seq the cloud has durably stored.</param>
        /// <returns>Number of segments deleted.</returns>
        public int Trim(ulong ackedSeq)
        {
            int deleted = 0;
            while (_segments.Count > 1)
            {
                JournalSegment oldest = Segment(0);
                if (oldest.LastSeq > ackedSeq)
                {
                    break;
                }

                _flash.Delete(oldest.FileName);
                _segments.RemoveAt(0);
                if (_cachedNumber == oldest.Number)
                {
                    _cachedNumber = -1;
                    _cachedData = null;
                }

                deleted++;
            }

            return deleted;
        }

        /// <summary>Deletes every segment (technician-authorised wipe before a chain restart).</summary>
        public void Wipe()
        {
            for (int i = 0; i < _segments.Count; i++)
            {
                _flash.Delete(Segment(i).FileName);
            }

            int[] leftovers = FindSegmentNumbers();
            for (int i = 0; i < leftovers.Length; i++)
            {
                _flash.Delete(SegmentFileName(leftovers[i]));
            }

            _segments.Clear();
            _lastPayload = null;
            _cachedNumber = -1;
            _cachedData = null;
        }

        private JournalSegment Segment(int index)
        {
            return (JournalSegment)_segments[index]!;
        }

        private JournalSegment? Active()
        {
            if (_segments.Count == 0)
            {
                return null;
            }

            JournalSegment last = Segment(_segments.Count - 1);
            return last.Sealed ? null : last;
        }

        private byte[] Load(JournalSegment segment)
        {
            if (_cachedNumber == segment.Number && _cachedData != null && _cachedData.Length >= segment.ValidBytes)
            {
                return _cachedData;
            }

            byte[] data = _flash.ReadAll(segment.FileName) ?? new byte[0];
            if (data.Length < segment.ValidBytes)
            {
                // The file shrank under us (flash fault): only what is still there can be read.
                segment.ValidBytes = data.Length;
                segment.Sealed = true;
            }

            _cachedNumber = segment.Number;
            _cachedData = data;
            return data;
        }

        private int[] FindSegmentNumbers()
        {
            string[] names = _flash.List();
            ArrayList found = new ArrayList();
            for (int i = 0; i < names.Length; i++)
            {
                int number = ParseSegmentNumber(names[i]);
                if (number > 0)
                {
                    found.Add(number);
                }
            }

            int[] numbers = new int[found.Count];
            for (int i = 0; i < numbers.Length; i++)
            {
                numbers[i] = (int)found[i]!;
            }

            // Insertion sort: a handful of segments, and no generic Array.Sort on nanoFramework.
            for (int i = 1; i < numbers.Length; i++)
            {
                int v = numbers[i];
                int j = i - 1;
                while (j >= 0 && numbers[j] > v)
                {
                    numbers[j + 1] = numbers[j];
                    j--;
                }

                numbers[j + 1] = v;
            }

            return numbers;
        }

        private static int ParseSegmentNumber(string name)
        {
            int digits = name.Length - FilePrefix.Length - FileSuffix.Length;
            if (digits != 8 || !name.StartsWith(FilePrefix) || !name.EndsWith(FileSuffix))
            {
                return 0;
            }

            int number = 0;
            for (int i = FilePrefix.Length; i < FilePrefix.Length + digits; i++)
            {
                char c = name[i];
                if (c < '0' || c > '9')
                {
                    return 0;
                }

                number = (number * 10) + (c - '0');
            }

            return number;
        }
    }
}
