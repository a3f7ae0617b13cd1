using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>A device's request for grants it has not seen (the poll fallback when MQTT is down). (proto message sealcabinet.v1.GrantQuery.)</summary>
    public sealed class GrantQuery : IProtoMessage
    {
        /// <summary>The asking device.</summary>
        public string DeviceId { get; set; } = string.Empty;

        /// <summary>Return grants with a counter greater than this.</summary>
        public ulong AfterCounter { get; set; }

        /// <summary>16 random bytes; echoed in the MAC'd server time of the response.</summary>
        public byte[] Nonce { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>Decodes a GrantQuery from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static GrantQuery Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a GrantQuery from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static GrantQuery Parse(byte[]? data, int offset, int count)
        {
            GrantQuery message = new GrantQuery();
            ProtoReader.Decode(data, offset, count, message);
            return message;
        }

        /// <summary>Encodes this message.</summary>
        /// <returns>The encoded bytes, byte-for-byte what Google.Protobuf writes.</returns>
        public byte[] ToByteArray()
        {
            return ProtoWriter.Encode(this);
        }

        /// <inheritdoc />
        public int CalculateSize()
        {
            int size = 0;
            size += ProtoSize.StringField(1, DeviceId);
            size += ProtoSize.UInt64Field(2, AfterCounter);
            size += ProtoSize.BytesField(3, Nonce);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteStringField(1, DeviceId);
            writer.WriteUInt64Field(2, AfterCounter);
            writer.WriteBytesField(3, Nonce);
        }

        /// <inheritdoc />
        public void MergeFrom(ProtoReader reader)
        {
            int field;
            int wireType;
            while (reader.TryReadTag(out field, out wireType))
            {
                switch (field)
                {
                    case 1:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "GrantQuery.device_id");
                        DeviceId = reader.ReadString();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.Varint, "GrantQuery.after_counter");
                        AfterCounter = reader.ReadUInt64();
                        break;
                    case 3:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "GrantQuery.nonce");
                        Nonce = reader.ReadBytes();
                        break;
                    default:
                        reader.SkipField(wireType);
                        break;
                }
            }
        }
    }
}
