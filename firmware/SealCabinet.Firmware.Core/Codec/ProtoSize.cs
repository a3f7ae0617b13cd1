namespace SealCabinet.Firmware.Core.Codec
{
    /// <summary>Encoded sizes of protobuf values and fields (proto3: default values are not written).</summary>
    public static class ProtoSize
    {
        /// <summary>Bytes of a base-128 varint.</summary>
        /// <param name="value">The unsigned value.</param>
        /// <returns>1 to 10.</returns>
        public static int Varint(ulong value)
        {
            int n = 1;
            while (value >= 0x80)
            {
                value >>= 7;
                n++;
            }

            return n;
        }

        /// <summary>Bytes of a tag for <paramref name="field"/>.</summary>
        /// <param name="field">Field number.</param>
        /// <returns>Tag size.</returns>
        public static int Tag(int field)
        {
            return Varint((ulong)(uint)(field << 3));
        }

        /// <summary>Bytes of an int32 (or enum) value: negative values are sign-extended to 10 bytes.</summary>
        /// <param name="value">The value.</param>
        /// <returns>Encoded size.</returns>
        public static int Int32(int value)
        {
            return value < 0 ? 10 : Varint((ulong)value);
        }

        /// <summary>Size of a uint64 field, 0 when the value is the default.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        /// <returns>Encoded size.</returns>
        public static int UInt64Field(int field, ulong value)
        {
            return value == 0 ? 0 : Tag(field) + Varint(value);
        }

        /// <summary>Size of an int64 field, 0 when the value is the default.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        /// <returns>Encoded size.</returns>
        public static int Int64Field(int field, long value)
        {
            return value == 0 ? 0 : Tag(field) + Varint((ulong)value);
        }

        /// <summary>Size of a uint32 field, 0 when the value is the default.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        /// <returns>Encoded size.</returns>
        public static int UInt32Field(int field, uint value)
        {
            return value == 0 ? 0 : Tag(field) + Varint(value);
        }

        /// <summary>Size of an int32 or enum field, 0 when the value is the default.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        /// <returns>Encoded size.</returns>
        public static int Int32Field(int field, int value)
        {
            return value == 0 ? 0 : Tag(field) + Int32(value);
        }

        /// <summary>Size of a bool field, 0 when false.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        /// <returns>Encoded size.</returns>
        public static int BoolField(int field, bool value)
        {
            return value ? Tag(field) + 1 : 0;
        }

        /// <summary>Size of a string field, 0 when empty.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        /// <returns>Encoded size.</returns>
        public static int StringField(int field, string? value)
        {
            int length = Utf8.GetByteCount(value);
            return length == 0 ? 0 : Tag(field) + Varint((ulong)length) + length;
        }

        /// <summary>Size of a bytes field, 0 when empty.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="value">The value.</param>
        /// <returns>Encoded size.</returns>
        public static int BytesField(int field, byte[]? value)
        {
            int length = value == null ? 0 : value.Length;
            return length == 0 ? 0 : Tag(field) + Varint((ulong)length) + length;
        }

        /// <summary>Size of a length-delimited field whose payload has <paramref name="length"/> bytes, always written.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="length">Payload size.</param>
        /// <returns>Encoded size.</returns>
        public static int LengthDelimitedField(int field, int length)
        {
            return Tag(field) + Varint((ulong)length) + length;
        }

        /// <summary>Size of a singular message field, 0 when absent.</summary>
        /// <param name="field">Field number.</param>
        /// <param name="message">The message or null.</param>
        /// <returns>Encoded size.</returns>
        public static int MessageField(int field, IProtoMessage? message)
        {
            return message == null ? 0 : LengthDelimitedField(field, message.CalculateSize());
        }
    }
}
