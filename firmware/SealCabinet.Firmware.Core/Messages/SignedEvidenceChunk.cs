using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>An encoded EvidenceChunk and its MAC. (proto message sealcabinet.v1.SignedEvidenceChunk.)</summary>
    public sealed class SignedEvidenceChunk : MacedBytes
    {
        /// <summary>Creates an empty message.</summary>
        public SignedEvidenceChunk()
            : base("SignedEvidenceChunk.chunk", "SignedEvidenceChunk.mac")
        {
        }

        /// <summary>Exactly the bytes of an encoded EvidenceChunk.</summary>
        public byte[] Chunk
        {
            get { return Payload; }
            set { Payload = value; }
        }

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
    }
}
