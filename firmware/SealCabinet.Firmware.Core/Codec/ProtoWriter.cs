namespace SealCabinet.Firmware.Core.Codec
{
    /// <summary>
    /// Writes protobuf wire format into a byte array. Messages size themselves first
    /// (<see cref="IProtoMessage.CalculateSize"/>), so an encode allocates exactly one array.
    /// </summary>
    public sealed class ProtoWriter
    {
        private byte[] _buffer;
        private int _position;

        /// <summary>Creates a writer over a new array of <paramref name="capacity"/> bytes; it grows if needed.</summary>
        /// <param name="capacity">Initial capacity.</param>
        public ProtoWriter(int capacity)
        {
            _buffer = new byte[capacity < 16 ? 16 : capacity];
        }

        /// <summary>Creates a writer over <paramref name="buffer"/>, starting at <paramref name="offset"/>.</summary>
        /// <param name="buffer">Destination array; it is replaced by a larger one if it fills up.</param>
        /// <param name="offset">First byte to write.</param>
        public ProtoWriter(byte[] buffer, int offset)
        {
            _buffer = buffer;
            _position = offset;
        }

        /// <summary>Number of bytes written (the next write position).</summary>
        public int Position
        {
            get { return _position; }
        }

        /// <summary>The underlying array (may be larger than <see cref="Position"/>).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Encodes <paramref name="message"/> into a new array of exactly its size.</summary>
        /// <param name="message">The message.</param>
        /// <returns>The encoded bytes.</returns>
        public static byte[] Encode(IProtoMessage message)
        {
            int size = message.CalculateSize();
            byte[] bytes = new byte[size];
            ProtoWriter writer = new ProtoWriter(bytes, 0);
            message.WriteTo(writer);
            if (writer.Position != size || writer.Buffer != bytes)
            {
                throw new System.InvalidOperationException("message wrote " + writer.Position.ToString() + " bytes, its size said " + size.ToString());
            }

            return bytes;
        }

        /// <summary>Copies the written bytes into a new array.</summary>
        /// <returns>The bytes written so far.</returns>
        public byte[] ToArray()
        {
            byte[] copy = new byte[_position];
            System.Array.Copy(_buffer, 0, copy, 0, _position);
            return copy;
        }

        /// <summary>Writes a tag.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="wireType">Wire type, see <see cref="WireType"/>.</param>
        public void WriteTag(int field, int wireType)
        {
            WriteVarint((uint)((field << 3) | wireType));
        }

        /// <summary>Writes a base-128 varint.</summary>
        /// <param name="value">The value.</param>
        public void WriteVarint(ulong value)
        {
            Ensure(ProtoSize.Varint(value));
            while (value >= 0x80)
            {
                _buffer[_position++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _buffer[_position++] = (byte)value;
        }

        /// <summary>Writes an int32 or enum value (negative values as ten-byte varints, like every protobuf runtime).</summary>
        /// <param name="value">The value.</param>
        public void WriteInt32(int value)
        {
            WriteVarint((ulong)(long)value);
        }

        /// <summary>Writes a zigzag-encoded sint32 value.</summary>
        /// <param name="value">The value.</param>
        public void WriteSInt32(int value)
        {
            WriteVarint((uint)((value << 1) ^ (value >> 31)));
        }

        /// <summary>Writes a zigzag-encoded sint64 value.</summary>
        /// <param name="value">The value.</param>
        public void WriteSInt64(long value)
        {
            WriteVarint((ulong)((value << 1) ^ (value >> 63)));
        }

        /// <summary>Writes four little-endian bytes.</summary>
        /// <param name="value">The value.</param>
        public void WriteFixed32(uint value)
        {
            Ensure(4);
            for (int i = 0; i < 4; i++)
            {
                _buffer[_position++] = (byte)(value >> (8 * i));
            }
        }

        /// <summary>Writes eight little-endian bytes.</summary>
        /// <param name="value">The value.</param>
        public void WriteFixed64(ulong value)
        {
            Ensure(8);
            for (int i = 0; i < 8; i++)
            {
                _buffer[_position++] = (byte)(value >> (8 * i));
            }
        }

        /// <summary>Writes raw bytes with no length prefix.</summary>
        /// <param name="bytes">Source.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        public void WriteRaw(byte[] bytes, int offset, int count)
        {
            Ensure(count);
            System.Array.Copy(bytes, offset, _buffer, _position, count);
            _position += count;
        }

        /// <summary>Writes a uint64 field unless it is 0.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        public void WriteUInt64Field(int field, ulong value)
        {
            if (value != 0)
            {
                WriteTag(field, WireType.Varint);
                WriteVarint(value);
            }
        }

        /// <summary>Writes an int64 field unless it is 0.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        public void WriteInt64Field(int field, long value)
        {
            if (value != 0)
            {
                WriteTag(field, WireType.Varint);
                WriteVarint((ulong)value);
            }
        }

        /// <summary>Writes a uint32 field unless it is 0.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        public void WriteUInt32Field(int field, uint value)
        {
            if (value != 0)
            {
                WriteTag(field, WireType.Varint);
                WriteVarint(value);
            }
        }

        /// <summary>Writes an int32 or enum field unless it is 0.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        public void WriteInt32Field(int field, int value)
        {
            if (value != 0)
            {
                WriteTag(field, WireType.Varint);
                WriteInt32(value);
            }
        }

        /// <summary>Writes a bool field unless it is false.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        public void WriteBoolField(int field, bool value)
        {
            if (value)
            {
                WriteTag(field, WireType.Varint);
                WriteVarint(1);
            }
        }

        /// <summary>Writes a string field unless it is empty.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        public void WriteStringField(int field, string? value)
        {
            int length = Utf8.GetByteCount(value);
            if (length == 0)
            {
                return;
            }

            WriteTag(field, WireType.LengthDelimited);
            WriteVarint((ulong)length);
            Ensure(length);
            _position += Utf8.Encode(value, _buffer, _position);
        }

        /// <summary>Writes a bytes field unless it is empty.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        public void WriteBytesField(int field, byte[]? value)
        {
            if (value == null || value.Length == 0)
            {
                return;
            }

            WriteLengthDelimitedField(field, value, 0, value.Length);
        }

        /// <summary>Writes a length-delimited field from raw bytes, always (also when empty).</summary>
        /// <param name="field">Field number.</param>
        /// <param name="bytes">Source.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        public void WriteLengthDelimitedField(int field, byte[] bytes, int offset, int count)
        {
            WriteTag(field, WireType.LengthDelimited);
            WriteVarint((ulong)count);
            WriteRaw(bytes, offset, count);
        }

        /// <summary>Writes a singular or repeated message field element unless it is null.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="message">The message.</param>
        public void WriteMessageField(int field, IProtoMessage? message)
        {
            if (message == null)
            {
                return;
            }

            WriteTag(field, WireType.LengthDelimited);
            WriteVarint((ulong)message.CalculateSize());
            message.WriteTo(this);
        }

        private void Ensure(int count)
        {
            if (_position + count <= _buffer.Length)
            {
                return;
            }

            int size = _buffer.Length * 2;
            if (size < _position + count)
            {
                size = _position + count;
            }

            byte[] bigger = new byte[size];
            System.Array.Copy(_buffer, 0, bigger, 0, _position);
            _buffer = bigger;
        }
    }
}
