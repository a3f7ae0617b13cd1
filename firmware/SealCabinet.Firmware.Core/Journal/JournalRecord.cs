using SealCabinet.Firmware.Core.Storage;

namespace SealCabinet.Firmware.Core.Journal
{
    /// <summary>
    /// Framing of one journal record: marker 0xA7 (1 byte), payload length (u16 BE), seq (u64 BE), payload
    /// (the encoded SignedEvent), CRC-32 (u32 BE) over everything before it. A record cut anywhere before its
    /// last byte fails the length or CRC check, so a torn write is always detected.
    /// </summary>
    public static class JournalRecord
    {
        /// <summary>The record marker byte.</summary>
        public const byte Marker = 0xA7;

        /// <summary>Header bytes before the payload.</summary>
        public const int HeaderBytes = 11;

        /// <summary>Framing bytes per record (header and CRC).</summary>
        public const int OverheadBytes = HeaderBytes + 4;

        /// <summary>Largest payload (a SignedEvent is far smaller: detail is at most 200 bytes).</summary>
        public const int MaxPayloadBytes = 2048;

        /// <summary>Largest framed record.</summary>
        public const int MaxRecordBytes = MaxPayloadBytes + OverheadBytes;

        /// <summary>Frames a payload into <paramref name="buffer"/>.</summary>
        /// <param name="buffer">Destination with room for payload plus <see cref="OverheadBytes"/>.</param>
        /// <param name="seq">The event's seq.</param>
        /// <param name="payload">The encoded SignedEvent.</param>
        /// <returns>The record length.</returns>
        public static int Write(byte[] buffer, ulong seq, byte[] payload)
        {
            buffer[0] = Marker;
            BigEndian.WriteUInt16(buffer, 1, payload.Length);
            BigEndian.WriteUInt64(buffer, 3, seq);
            System.Array.Copy(payload, 0, buffer, HeaderBytes, payload.Length);
            int end = HeaderBytes + payload.Length;
            BigEndian.WriteUInt32(buffer, end, Crc32.Compute(buffer, 0, end));
            return end + 4;
        }

        /// <summary>Checks the record starting at <paramref name="offset"/>.</summary>
        /// <param name="data">Segment bytes.</param>
        /// <param name="offset">Record start.</param>
        /// <param name="length">Valid bytes in <paramref name="data"/>.</param>
        /// <returns>The record length, or 0 when there is no complete valid record there.</returns>
        public static int Check(byte[] data, int offset, int length)
        {
            if (length - offset < OverheadBytes || data[offset] != Marker)
            {
                return 0;
            }

            int payload = BigEndian.ReadUInt16(data, offset + 1);
            if (payload == 0 || payload > MaxPayloadBytes || length - offset < payload + OverheadBytes)
            {
                return 0;
            }

            int end = offset + HeaderBytes + payload;
            if (BigEndian.ReadUInt32(data, end) != Crc32.Compute(data, offset, HeaderBytes + payload))
            {
                return 0;
            }

            return payload + OverheadBytes;
        }

        /// <summary>The seq of a checked record.</summary>
        /// <param name="data">Segment bytes.</param>
        /// <param name="offset">Record start.</param>
        /// <returns>The seq.</returns>
        public static ulong SeqAt(byte[] data, int offset)
        {
            return BigEndian.ReadUInt64(data, offset + 3);
        }

        /// <summary>Copies the payload of a checked record.</summary>
        /// <param name="data">Segment bytes.</param>
        /// <param name="offset">Record start.</param>
        /// <returns>The payload.</returns>
        public static byte[] PayloadAt(byte[] data, int offset)
        {
            int length = BigEndian.ReadUInt16(data, offset + 1);
            byte[] payload = new byte[length];
            System.Array.Copy(data, offset + HeaderBytes, payload, 0, length);
            return payload;
        }
    }
}
