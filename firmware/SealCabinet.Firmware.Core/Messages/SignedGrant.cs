using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>An encoded UnlockGrant and its MAC. (proto message sealcabinet.v1.SignedGrant.)</summary>
    public sealed class SignedGrant : MacedBytes
    {
        /// <summary>Creates an empty message.</summary>
        public SignedGrant()
            : base("SignedGrant.grant", "SignedGrant.mac")
        {
        }

        /// <summary>Exactly the bytes of an encoded UnlockGrant.</summary>
        public byte[] Grant
        {
            get { return Payload; }
            set { Payload = value; }
        }

        /// <summary>Decodes a SignedGrant from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static SignedGrant Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a SignedGrant from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static SignedGrant Parse(byte[]? data, int offset, int count)
        {
            SignedGrant message = new SignedGrant();
            ProtoReader.Decode(data, offset, count, message);
            return message;
        }
    }
}
