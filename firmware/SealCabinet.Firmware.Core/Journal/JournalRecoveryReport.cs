namespace SealCabinet.Firmware.Core.Journal
{
    /// <summary>What recovery found in the journal after a boot.</summary>
    public sealed class JournalRecoveryReport
    {
        /// <summary>Segments found.</summary>
        public int Segments { get; set; }

        /// <summary>Valid records found.</summary>
        public int Records { get; set; }

        /// <summary>Segments whose tail held a torn or corrupt record (dropped bytes).</summary>
        public int TornSegments { get; set; }

        /// <summary>Bytes dropped after the last valid record of torn segments.</summary>
        public int DroppedBytes { get; set; }

        /// <summary>Records whose seq did not continue the previous one.</summary>
        public int Discontinuities { get; set; }
    }
}
