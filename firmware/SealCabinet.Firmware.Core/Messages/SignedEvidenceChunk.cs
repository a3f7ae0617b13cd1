using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>An encoded EvidenceChunk and its MAC. (proto message sealcabinet.v1.SignedEvidenceChunk.)</summary>
    public sealed class SignedEvidenceChunk : IProtoMessage
    {
        /// <summary>Exactly the bytes of an encoded EvidenceChunk.</summary>
        public byte[] Chunk { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>HMAC-SHA256 of `chunk` under the device's event key (32 bytes).</summary>
        public byte[] Mac { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>Decodes a SignedEvidenceChunk from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static SignedEvidenceChunk Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a SignedEvidenceChunk from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static SignedEvidenceChunk Parse(byte[]? data, int offset, int count)
        {
            SignedEvidenceChunk message = new SignedEvidenceChunk();
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
            size += ProtoSize.BytesField(1, Chunk);
            size += ProtoSize.BytesField(2, Mac);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteBytesField(1, Chunk);
            writer.WriteBytesField(2, Mac);
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
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "SignedEvidenceChunk.chunk");
                        Chunk = reader.ReadBytes();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "SignedEvidenceChunk.mac");
                        Mac = reader.ReadBytes();
                        break;
                    default:
                        reader.SkipField(wireType);
                        break;
                }
            }
        }
    }
}
