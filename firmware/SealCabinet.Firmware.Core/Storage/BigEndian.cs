namespace SealCabinet.Firmware.Core.Storage
{
    /// <summary>Big-endian integer reads and writes for the flash formats.</summary>
    public static class BigEndian
    {
        /// <summary>Writes a 16-bit value.</summary>
        /// <param name="buffer">Destination.</param>
        /// <param name="offset">Position.</param>
        /// <param name="value">Value.</param>
        public static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 8);
            buffer[offset + 1] = (byte)value;
        }

        /// <summary>Writes a 32-bit value.</summary>
        /// <param name="buffer">Destination.</param>
        /// <param name="offset">Position.</param>
        /// <param name="value">Value.</param>
        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        /// <summary>Writes a 64-bit value.</summary>
        /// <param name="buffer">Destination.</param>
        /// <param name="offset">Position.</param>
        /// <param name="value">Value.</param>
        public static void WriteUInt64(byte[] buffer, int offset, ulong value)
        {
            WriteUInt32(buffer, offset, (uint)(value >> 32));
            WriteUInt32(buffer, offset + 4, (uint)value);
        }

        /// <summary>Reads a 16-bit value.</summary>
        /// <param name="buffer">Source.</param>
        /// <param name="offset">Position.</param>
        /// <returns>Value.</returns>
        public static int ReadUInt16(byte[] buffer, int offset)
        {
            return (buffer[offset] << 8) | buffer[offset + 1];
        }

        /// <summary>Reads a 32-bit value.</summary>
        /// <param name="buffer">Source.</param>
        /// <param name="offset">Position.</param>
        /// <returns>Value.</returns>
        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
        }

        /// <summary>Reads a 64-bit value.</summary>
        /// <param name="buffer">Source.</param>
        /// <param name="offset">Position.</param>
        /// <returns>Value.</returns>
        public static ulong ReadUInt64(byte[] buffer, int offset)
        {
            return ((ulong)ReadUInt32(buffer, offset) << 32) | ReadUInt32(buffer, offset + 4);
        }
    }
}
