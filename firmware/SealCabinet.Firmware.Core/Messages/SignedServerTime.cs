using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>ServerTime bytes and their MAC. (proto message sealcabinet.v1.SignedServerTime.)</summary>
    public sealed class SignedServerTime : MacedBytes
    {
        /// <summary>Creates an empty message.</summary>
        public SignedServerTime()
            : base("SignedServerTime.time", "SignedServerTime.mac")
        {
        }

        /// <summary>Exactly the bytes of an encoded ServerTime.</summary>
        public byte[] Time
        {
            get { return Payload; }
            set { Payload = value; }
        }

        /// <summary>Decodes a SignedServerTime from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static SignedServerTime Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a SignedServerTime from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static SignedServerTime Parse(byte[]? data, int offset, int count)
        {
            SignedServerTime message = new SignedServerTime();
            ProtoReader.Decode(data, offset, count, message);
            return message;
        }
    }
}
