using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>State of an evidence upload after a chunk. (proto message sealcabinet.v1.EvidenceReceipt.)</summary>
    public sealed class EvidenceReceipt : IProtoMessage
    {
        /// <summary>Evidence id.</summary>
        public string EvidenceId { get; set; } = string.Empty;

        /// <summary>Number of contiguous bytes stored from offset 0: where to resume.</summary>
        public uint ReceivedBytes { get; set; }

        /// <summary>True once every byte is stored.</summary>
        public bool Complete { get; set; }

        /// <summary>True once the whole object matched the evidence MAC from the signed event.</summary>
        public bool Verified { get; set; }

        /// <summary>Decodes an EvidenceReceipt from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static EvidenceReceipt Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes an EvidenceReceipt from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static EvidenceReceipt Parse(byte[]? data, int offset, int count)
        {
            EvidenceReceipt message = new EvidenceReceipt();
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
            size += ProtoSize.StringField(1, EvidenceId);
            size += ProtoSize.UInt32Field(2, ReceivedBytes);
            size += ProtoSize.BoolField(3, Complete);
            size += ProtoSize.BoolField(4, Verified);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteStringField(1, EvidenceId);
            writer.WriteUInt32Field(2, ReceivedBytes);
            writer.WriteBoolField(3, Complete);
            writer.WriteBoolField(4, Verified);
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
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "EvidenceReceipt.evidence_id");
                        EvidenceId = reader.ReadString();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.Varint, "EvidenceReceipt.received_bytes");
                        ReceivedBytes = reader.ReadUInt32();
                        break;
                    case 3:
                        reader.ExpectWireType(wireType, WireType.Varint, "EvidenceReceipt.complete");
                        Complete = reader.ReadBool();
                        break;
                    case 4:
                        reader.ExpectWireType(wireType, WireType.Varint, "EvidenceReceipt.verified");
                        Verified = reader.ReadBool();
                        break;
                    default:
                        reader.SkipField(wireType);
                        break;
                }
            }
        }
    }
}
