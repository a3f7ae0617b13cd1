namespace SealCabinet.Firmware.Core.Journal
{
    /// <summary>Sizing of the event journal. Capacity = <see cref="SegmentBytes"/> x <see cref="MaxSegments"/>.</summary>
    public sealed class JournalOptions
    {
        /// <summary>Default segment size: 16 KiB.</summary>
        public const int DefaultSegmentBytes = 16 * 1024;

        /// <summary>Default segment count: 8 (128 KiB of the ESP32's 256 KiB LittleFS partition).</summary>
        public const int DefaultMaxSegments = 8;

        /// <summary>Default stamping reserve: 4 KiB (about 25 stamping events).</summary>
        public const int DefaultStampingReserveBytes = 4 * 1024;

        /// <summary>Default alarm reserve: 4 KiB (about 25 alarms).</summary>
        public const int DefaultAlarmReserveBytes = 4 * 1024;

        /// <summary>Largest capacity accepted (keeps every byte count within an int).</summary>
        public const int MaxCapacityBytes = 1024 * 1024 * 1024;

        /// <summary>Size of one segment file in bytes.</summary>
        public int SegmentBytes { get; set; } = DefaultSegmentBytes;

        /// <summary>Largest number of segment files.</summary>
        public int MaxSegments { get; set; } = DefaultMaxSegments;

        /// <summary>Bytes kept free of ordinary events for stampings in progress.</summary>
        public int StampingReserveBytes { get; set; } = DefaultStampingReserveBytes;

        /// <summary>Bytes kept free of ordinary and stamping events for alarms.</summary>
        public int AlarmReserveBytes { get; set; } = DefaultAlarmReserveBytes;

        /// <summary>Total capacity in bytes.</summary>
        public int CapacityBytes
        {
            get { return SegmentBytes * MaxSegments; }
        }

        /// <summary>Checks the sizes; returns the problem, or an empty string when they are usable.</summary>
        /// <returns>The problem naming the field, or empty.</returns>
        public string Validate()
        {
            if (SegmentBytes < 2048 || SegmentBytes > 1024 * 1024)
            {
                return "journal segment size must be 2 KiB .. 1 MiB";
            }

            if (MaxSegments < 3 || MaxSegments > 100000)
            {
                return "journal segment count must be 3 .. 100000";
            }

            if ((long)SegmentBytes * MaxSegments > MaxCapacityBytes)
            {
                return "journal capacity (segment size x segment count) must not exceed 1 GiB";
            }

            if (StampingReserveBytes < JournalRecord.MaxRecordBytes || AlarmReserveBytes < JournalRecord.MaxRecordBytes)
            {
                return "journal reserves must each hold at least one record";
            }

            if (StampingReserveBytes + AlarmReserveBytes > CapacityBytes / 2)
            {
                return "journal reserves must not exceed half the capacity";
            }

            return string.Empty;
        }
    }
}
