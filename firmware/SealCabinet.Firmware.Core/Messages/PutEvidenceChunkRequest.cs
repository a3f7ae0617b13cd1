using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>Request of PutEvidenceChunk. (proto message sealcabinet.v1.PutEvidenceChunkRequest.)</summary>
    public sealed class PutEvidenceChunkRequest : IProtoMessage
    {
        /// <summary>The signed chunk.</summary>
        public SignedEvidenceChunk? Chunk { get; set; }

        /// <summary>Decodes a PutEvidenceChunkRequest from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static PutEvidenceChunkRequest Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a PutEvidenceChunkRequest from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static PutEvidenceChunkRequest Parse(byte[]? data, int offset, int count)
        {
            PutEvidenceChunkRequest message = new PutEvidenceChunkRequest();
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
            size += ProtoSize.MessageField(1, Chunk);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteMessageField(1, Chunk);
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
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "PutEvidenceChunkRequest.chunk");
                        SignedEvidenceChunk chunk = Chunk ?? new SignedEvidenceChunk();
                        reader.ReadMessage(chunk);
                        Chunk = chunk;
                        break;
                    default:
                        reader.SkipField(wireType);
                        break;
                }
            }
        }
    }
}
