namespace SealCabinet.Firmware.Core.Journal
{
    /// <summary>The outcome of <see cref="EventJournal.Append"/>.</summary>
    public enum JournalAppendResult
    {
        /// <summary>The record is durably in the journal.</summary>
        Appended = 0,

        /// <summary>Refused: not enough room for this priority class (see the full-journal policy).</summary>
        Full = 1,

        /// <summary>The flash write failed; the segment was sealed and the record is not in the journal.</summary>
        WriteFailed = 2,
    }
}
