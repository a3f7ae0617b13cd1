using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>An encoded DeviceEvent and its MAC. (proto message sealcabinet.v1.SignedEvent.)</summary>
    public sealed class SignedEvent : IProtoMessage
    {
        /// <summary>Exactly the bytes of an encoded DeviceEvent.</summary>
        public byte[] Event { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>HMAC-SHA256 of `event` under the device's event key (32 bytes).</summary>
        public byte[] Mac { get; set; } = ProtoConstants.EmptyBytes;

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
            size += ProtoSize.BytesField(1, Event);
            size += ProtoSize.BytesField(2, Mac);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteBytesField(1, Event);
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
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "SignedEvent.event");
                        Event = reader.ReadBytes();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "SignedEvent.mac");
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
