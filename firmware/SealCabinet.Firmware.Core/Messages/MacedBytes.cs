using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Crypto;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>
    /// The shape every signed wrapper of the contract shares: field 1 holds exactly the bytes of an encoded
    /// message, field 2 their HMAC-SHA256. The MAC covers those bytes as sent, so nobody re-encodes them.
    /// </summary>
    public abstract class MacedBytes : IProtoMessage
    {
        private readonly string _payloadField;
        private readonly string _macField;

        /// <summary>Creates the wrapper.</summary>
        /// <param name="payloadField">Proto name of field 1, for decode errors (e.g. "SignedGrant.grant").</param>
        /// <param name="macField">Proto name of field 2, for decode errors.</param>
        protected MacedBytes(string payloadField, string macField)
        {
            _payloadField = payloadField;
            _macField = macField;
        }

        /// <summary>HMAC-SHA256 of the payload under the key the message type names (32 bytes).</summary>
        public byte[] Mac { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>Field 1: the exact bytes the MAC covers.</summary>
        protected byte[] Payload { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>Sets the payload and its MAC under <paramref name="key"/>.</summary>
        /// <param name="payload">The exact bytes to carry (an encoded message).</param>
        /// <param name="key">The purpose key the message type names.</param>
        /// <param name="mac">HMAC implementation.</param>
        public void Seal(byte[] payload, byte[] key, IMacProvider mac)
        {
            Payload = payload;
            Mac = mac.ComputeHmacSha256(key, payload, 0, payload.Length);
        }

        /// <summary>Whether <see cref="Mac"/> is the MAC of the payload under <paramref name="key"/> (constant time).</summary>
        /// <param name="key">The purpose key the message type names.</param>
        /// <param name="mac">HMAC implementation.</param>
        /// <returns>True when the MAC verifies.</returns>
        public bool HasValidMac(byte[] key, IMacProvider mac)
        {
            return ConstantTime.AreEqual(mac.ComputeHmacSha256(key, Payload, 0, Payload.Length), Mac);
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
            return ProtoSize.BytesField(1, Payload) + ProtoSize.BytesField(2, Mac);
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteBytesField(1, Payload);
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
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, _payloadField);
                        Payload = reader.ReadBytes();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, _macField);
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
