using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>Response of PutEvidenceChunk. (proto message sealcabinet.v1.PutEvidenceChunkResponse.)</summary>
    public sealed class PutEvidenceChunkResponse : IProtoMessage
    {
        /// <summary>Upload state after this chunk.</summary>
        public EvidenceReceipt? Receipt { get; set; }

        /// <summary>Decodes a PutEvidenceChunkResponse from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static PutEvidenceChunkResponse Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a PutEvidenceChunkResponse from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static PutEvidenceChunkResponse Parse(byte[]? data, int offset, int count)
        {
            PutEvidenceChunkResponse message = new PutEvidenceChunkResponse();
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
            size += ProtoSize.MessageField(1, Receipt);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteMessageField(1, Receipt);
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
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "PutEvidenceChunkResponse.receipt");
                        EvidenceReceipt receipt = Receipt ?? new EvidenceReceipt();
                        reader.ReadMessage(receipt);
                        Receipt = receipt;
                        break;
                    default:
                        reader.SkipField(wireType);
                        break;
                }
            }
        }
    }
}
