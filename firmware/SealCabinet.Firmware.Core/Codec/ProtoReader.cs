namespace SealCabinet.Firmware.Core.Codec
{
    /// <summary>
    /// Reads protobuf wire format from a byte array with explicit bounds checks: every malformed input
    /// (truncated varint, varint over 10 bytes, length past the end, invalid or unexpected wire type,
    /// nesting too deep, oversize message) raises <see cref="ProtoDecodeException"/>, never a runtime
    /// exception, and every loop consumes at least one byte, so decoding always terminates.
    /// </summary>
    public sealed class ProtoReader
    {
        /// <summary>Largest message accepted by default (an EventBatch is at most 256 KiB plus framing).</summary>
        public const int DefaultMaxMessageBytes = 300 * 1024;

        /// <summary>Deepest nesting of length-delimited messages accepted by default.</summary>
        public const int DefaultMaxDepth = 16;

        private readonly byte[] _buffer;
        private readonly int _start;
        private readonly int _maxDepth;
        private int _position;
        private int _limit;
        private int _depth;

        /// <summary>Creates a reader over a whole array with the default limits.</summary>
        /// <param name="buffer">The encoded message.</param>
        public ProtoReader(byte[]? buffer)
            : this(buffer, 0, buffer == null ? 0 : buffer.Length, DefaultMaxMessageBytes, DefaultMaxDepth)
        {
        }

        /// <summary>Creates a reader over part of an array.</summary>
        /// <param name="buffer">Source array.</param>
        /// <param name="offset">First byte of the message.</param>
        /// <param name="count">Length of the message.</param>
        /// <param name="maxMessageBytes">Largest message accepted.</param>
        /// <param name="maxDepth">Deepest nesting accepted.</param>
        /// <exception cref="ProtoDecodeException">The range is invalid or the message is too large.</exception>
        public ProtoReader(byte[]? buffer, int offset, int count, int maxMessageBytes, int maxDepth)
        {
            if (buffer == null)
            {
                throw new ProtoDecodeException("no bytes to decode");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
            {
                throw new ProtoDecodeException("the byte range to decode lies outside the buffer");
            }

            if (count > maxMessageBytes)
            {
                throw new ProtoDecodeException("message of " + count.ToString() + " bytes exceeds the limit of " + maxMessageBytes.ToString() + " bytes");
            }

            _buffer = buffer;
            _start = offset;
            _position = offset;
            _limit = offset + count;
            _maxDepth = maxDepth;
        }

        /// <summary>Offset of the next byte, relative to the start of the message.</summary>
        public int Offset
        {
            get { return _position - _start; }
        }

        /// <summary>Current nesting depth (0 at top level).</summary>
        public int Depth
        {
            get { return _depth; }
        }

        /// <summary>True when the current message (or nested message) has no bytes left.</summary>
        public bool IsAtLimit
        {
            get { return _position >= _limit; }
        }

        /// <summary>Decodes a whole message from <paramref name="buffer"/> into <paramref name="message"/>.</summary>
        /// <param name="buffer">The encoded message.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <param name="message">A fresh message to merge into.</param>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static void Decode(byte[]? buffer, int offset, int count, IProtoMessage message)
        {
            ProtoReader reader = new ProtoReader(buffer, offset, count, DefaultMaxMessageBytes, DefaultMaxDepth);
            message.MergeFrom(reader);
        }

        /// <summary>Reads the next tag, or returns false at the end of the current message.</summary>
        /// <param name="field">Field number (1 .. 2^29-1).</param>
        /// <param name="wireType">Wire type 0..5.</param>
        /// <returns>False when the current message is exhausted.</returns>
        /// <exception cref="ProtoDecodeException">The tag is malformed.</exception>
        public bool TryReadTag(out int field, out int wireType)
        {
            if (_position >= _limit)
            {
                field = 0;
                wireType = 0;
                return false;
            }

            int at = Offset;
            ulong tag = ReadVarint();
            if (tag > 0xFFFFFFFFUL)
            {
                throw new ProtoDecodeException("tag at offset " + at.ToString() + " does not fit 32 bits");
            }

            wireType = (int)(tag & 7);
            field = (int)(tag >> 3);
            if (field == 0)
            {
                throw new ProtoDecodeException("field number 0 at offset " + at.ToString());
            }

            if (wireType == 6 || wireType == 7)
            {
                throw new ProtoDecodeException("invalid wire type " + wireType.ToString() + " at offset " + at.ToString());
            }

            return true;
        }

        /// <summary>Refuses a known field that arrived with the wrong wire type.</summary>
        /// <param name="wireType">The wire type read.</param>
        /// <param name="expected">The wire type the schema gives the field.</param>
        /// <param name="fieldName">Message and field, for the error.</param>
        /// <exception cref="ProtoDecodeException">The wire types differ.</exception>
        public void ExpectWireType(int wireType, int expected, string fieldName)
        {
            if (wireType != expected)
            {
                throw new ProtoDecodeException(fieldName + ": wire type " + wireType.ToString() + " where " + expected.ToString() + " was expected (offset " + Offset.ToString() + ")");
            }
        }

        /// <summary>Reads a base-128 varint of at most 10 bytes.</summary>
        /// <returns>The value (bits beyond 64 are dropped, as protobuf runtimes do).</returns>
        /// <exception cref="ProtoDecodeException">Truncated or longer than 10 bytes.</exception>
        public ulong ReadVarint()
        {
            int at = Offset;
            ulong result = 0;
            int shift = 0;
            for (int i = 0; i < 10; i++)
            {
                if (_position >= _limit)
                {
                    throw new ProtoDecodeException("truncated varint at offset " + at.ToString());
                }

                int b = _buffer[_position++];
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }

                shift += 7;
            }

            throw new ProtoDecodeException("varint longer than 10 bytes at offset " + at.ToString());
        }

        /// <summary>Reads a uint64 value.</summary>
        /// <returns>The value.</returns>
        public ulong ReadUInt64()
        {
            return ReadVarint();
        }

        /// <summary>Reads an int64 value.</summary>
        /// <returns>The value.</returns>
        public long ReadInt64()
        {
            return (long)ReadVarint();
        }

        /// <summary>Reads a uint32 value (the low 32 bits of the varint).</summary>
        /// <returns>The value.</returns>
        public uint ReadUInt32()
        {
            return (uint)ReadVarint();
        }

        /// <summary>Reads an int32 or enum value (the low 32 bits of the varint).</summary>
        /// <returns>The value.</returns>
        public int ReadInt32()
        {
            return (int)ReadVarint();
        }

        /// <summary>Reads a bool (any non-zero varint is true).</summary>
        /// <returns>The value.</returns>
        public bool ReadBool()
        {
            return ReadVarint() != 0;
        }

        /// <summary>Reads a zigzag-encoded sint32.</summary>
        /// <returns>The value.</returns>
        public int ReadSInt32()
        {
            uint n = (uint)ReadVarint();
            return (int)(n >> 1) ^ -(int)(n & 1);
        }

        /// <summary>Reads a zigzag-encoded sint64.</summary>
        /// <returns>The value.</returns>
        public long ReadSInt64()
        {
            ulong n = ReadVarint();
            return (long)(n >> 1) ^ -(long)(n & 1);
        }

        /// <summary>Reads four little-endian bytes.</summary>
        /// <returns>The value.</returns>
        public uint ReadFixed32()
        {
            Require(4, "fixed32");
            uint v = 0;
            for (int i = 0; i < 4; i++)
            {
                v |= (uint)_buffer[_position++] << (8 * i);
            }

            return v;
        }

        /// <summary>Reads eight little-endian bytes.</summary>
        /// <returns>The value.</returns>
        public ulong ReadFixed64()
        {
            Require(8, "fixed64");
            ulong v = 0;
            for (int i = 0; i < 8; i++)
            {
                v |= (ulong)_buffer[_position++] << (8 * i);
            }

            return v;
        }

        /// <summary>Reads the length prefix of a length-delimited field and checks it fits.</summary>
        /// <returns>The length in bytes.</returns>
        /// <exception cref="ProtoDecodeException">The length runs past the end.</exception>
        public int ReadLength()
        {
            int at = Offset;
            ulong length = ReadVarint();
            int left = _limit - _position;
            if (length > (ulong)left)
            {
                throw new ProtoDecodeException("length " + length.ToString() + " at offset " + at.ToString() + " runs past the end (" + left.ToString() + " bytes left)");
            }

            return (int)length;
        }

        /// <summary>Reads a bytes field into a new array.</summary>
        /// <returns>The bytes.</returns>
        public byte[] ReadBytes()
        {
            int length = ReadLength();
            if (length == 0)
            {
                return ProtoConstants.EmptyBytes;
            }

            byte[] bytes = new byte[length];
            System.Array.Copy(_buffer, _position, bytes, 0, length);
            _position += length;
            return bytes;
        }

        /// <summary>Reads a string field (strict UTF-8).</summary>
        /// <returns>The string.</returns>
        public string ReadString()
        {
            int length = ReadLength();
            string value = Utf8.Decode(_buffer, _position, length);
            _position += length;
            return value;
        }

        /// <summary>Reads a length-delimited nested message into <paramref name="message"/>.</summary>
        /// <param name="message">The message to merge into.</param>
        /// <exception cref="ProtoDecodeException">Malformed, or nested too deeply.</exception>
        public void ReadMessage(IProtoMessage message)
        {
            int length = ReadLength();
            if (_depth >= _maxDepth)
            {
                throw new ProtoDecodeException("messages nested deeper than " + _maxDepth.ToString() + " levels at offset " + Offset.ToString());
            }

            int outerLimit = _limit;
            _limit = _position + length;
            _depth++;
            message.MergeFrom(this);
            _depth--;
            _position = _limit;
            _limit = outerLimit;
        }

        /// <summary>Skips the value of an unknown field.</summary>
        /// <param name="wireType">Its wire type.</param>
        /// <exception cref="ProtoDecodeException">Groups, or the value is truncated.</exception>
        public void SkipField(int wireType)
        {
            switch (wireType)
            {
                case WireType.Varint:
                    ReadVarint();
                    break;
                case WireType.Fixed64:
                    Require(8, "fixed64");
                    _position += 8;
                    break;
                case WireType.LengthDelimited:
                    // Read the length first: "_position += ReadLength()" would add it to the position before the prefix.
                    int length = ReadLength();
                    _position += length;
                    break;
                case WireType.Fixed32:
                    Require(4, "fixed32");
                    _position += 4;
                    break;
                default:
                    throw new ProtoDecodeException("wire type " + wireType.ToString() + " (group) is not supported, at offset " + Offset.ToString());
            }
        }

        private void Require(int count, string what)
        {
            if (_limit - _position < count)
            {
                throw new ProtoDecodeException("truncated " + what + " at offset " + Offset.ToString());
            }
        }
    }
}
