namespace SealCabinet.Firmware.Core.Journal
{
    /// <summary>What the journal knows about one segment file.</summary>
    public sealed class JournalSegment
    {
        /// <summary>Creates the entry.</summary>
        /// <param name="number">Segment number (file name order).</param>
        public JournalSegment(int number)
        {
            Number = number;
            FileName = EventJournal.SegmentFileName(number);
        }

        /// <summary>Segment number.</summary>
        public int Number { get; }

        /// <summary>File name on the flash store.</summary>
        public string FileName { get; }

        /// <summary>Seq of the first record (0 when empty).</summary>
        public ulong FirstSeq { get; set; }

        /// <summary>Seq of the last record (0 when empty).</summary>
        public ulong LastSeq { get; set; }

        /// <summary>Number of valid records.</summary>
        public int RecordCount { get; set; }

        /// <summary>Bytes of valid records (new records are appended here).</summary>
        public int ValidBytes { get; set; }

        /// <summary>True when no more records may be appended (full, torn tail, or a failed write).</summary>
        public bool Sealed { get; set; }
    }
}
