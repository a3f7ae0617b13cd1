using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>An encoded DeviceEvent and its MAC. (proto message sealcabinet.v1.SignedEvent.)</summary>
    public sealed class SignedEvent : MacedBytes
    {
        /// <summary>Creates an empty message.</summary>
        public SignedEvent()
            : base("SignedEvent.event", "SignedEvent.mac")
        {
        }

        /// <summary>Exactly the bytes of an encoded DeviceEvent.</summary>
        public byte[] Event
        {
            get { return Payload; }
            set { Payload = value; }
        }

        /// <summary>Decodes a SignedEvent from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static SignedEvent Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a SignedEvent from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static SignedEvent Parse(byte[]? data, int offset, int count)
        {
            SignedEvent message = new SignedEvent();
            ProtoReader.Decode(data, offset, count, message);
            return message;
        }
    }
}
