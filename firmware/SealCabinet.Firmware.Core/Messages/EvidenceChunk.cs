using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>One piece of a photo the device uploads. (proto message sealcabinet.v1.EvidenceChunk.)</summary>
    public sealed class EvidenceChunk : IProtoMessage
    {
        /// <summary>The uploading device.</summary>
        public string DeviceId { get; set; } = string.Empty;

        /// <summary>Evidence id, as in the EVIDENCE_CAPTURED event.</summary>
        public string EvidenceId { get; set; } = string.Empty;

        /// <summary>Byte offset of `data` in the whole object.</summary>
        public uint Offset { get; set; }

        /// <summary>Total size of the object in bytes (at most 2 MiB).</summary>
        public uint TotalSize { get; set; }

        /// <summary>The bytes, at most 32 KiB per chunk.</summary>
        public byte[] Data { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>MIME type of the object ("image/jpeg").</summary>
        public string ContentType { get; set; } = string.Empty;

        /// <summary>Decodes an EvidenceChunk from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static EvidenceChunk Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes an EvidenceChunk from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static EvidenceChunk Parse(byte[]? data, int offset, int count)
        {
            EvidenceChunk message = new EvidenceChunk();
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
            size += ProtoSize.StringField(2, EvidenceId);
            size += ProtoSize.UInt32Field(3, Offset);
            size += ProtoSize.UInt32Field(4, TotalSize);
            size += ProtoSize.BytesField(5, Data);
            size += ProtoSize.StringField(6, ContentType);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteStringField(1, DeviceId);
            writer.WriteStringField(2, EvidenceId);
            writer.WriteUInt32Field(3, Offset);
            writer.WriteUInt32Field(4, TotalSize);
            writer.WriteBytesField(5, Data);
            writer.WriteStringField(6, ContentType);
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
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "EvidenceChunk.device_id");
                        DeviceId = reader.ReadString();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "EvidenceChunk.evidence_id");
                        EvidenceId = reader.ReadString();
                        break;
                    case 3:
                        reader.ExpectWireType(wireType, WireType.Varint, "EvidenceChunk.offset");
                        Offset = reader.ReadUInt32();
                        break;
                    case 4:
                        reader.ExpectWireType(wireType, WireType.Varint, "EvidenceChunk.total_size");
                        TotalSize = reader.ReadUInt32();
                        break;
                    case 5:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "EvidenceChunk.data");
                        Data = reader.ReadBytes();
                        break;
                    case 6:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "EvidenceChunk.content_type");
                        ContentType = reader.ReadString();
                        break;
                    default:
                        reader.SkipField(wireType);
                        break;
                }
            }
        }
    }
}
