using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>Server time, MAC'd for one device and one request, from which the device keeps a trusted clock. (proto message sealcabinet.v1.ServerTime.)</summary>
    public sealed class ServerTime : IProtoMessage
    {
        /// <summary>The device this time is for.</summary>
        public string DeviceId { get; set; } = string.Empty;

        /// <summary>Server wall-clock time, Unix epoch milliseconds.</summary>
        public long ServerTimeMs { get; set; }

        /// <summary>The nonce from the device's request (EventBatch.nonce or GrantQuery.nonce).</summary>
        public byte[] Nonce { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>Decodes a ServerTime from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static ServerTime Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a ServerTime from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static ServerTime Parse(byte[]? data, int offset, int count)
        {
            ServerTime message = new ServerTime();
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
            size += ProtoSize.Int64Field(2, ServerTimeMs);
            size += ProtoSize.BytesField(3, Nonce);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteStringField(1, DeviceId);
            writer.WriteInt64Field(2, ServerTimeMs);
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
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "ServerTime.device_id");
                        DeviceId = reader.ReadString();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.Varint, "ServerTime.server_time_ms");
                        ServerTimeMs = reader.ReadInt64();
                        break;
                    case 3:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "ServerTime.nonce");
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
