using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>Request of FetchGrants. (proto message sealcabinet.v1.FetchGrantsRequest.)</summary>
    public sealed class FetchGrantsRequest : IProtoMessage
    {
        /// <summary>Exactly the bytes of an encoded GrantQuery.</summary>
        public byte[] Query { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>HMAC-SHA256 of `query` under the device's event key (32 bytes).</summary>
        public byte[] Mac { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>Decodes a FetchGrantsRequest from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static FetchGrantsRequest Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a FetchGrantsRequest from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static FetchGrantsRequest Parse(byte[]? data, int offset, int count)
        {
            FetchGrantsRequest message = new FetchGrantsRequest();
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
            size += ProtoSize.BytesField(1, Query);
            size += ProtoSize.BytesField(2, Mac);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteBytesField(1, Query);
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
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "FetchGrantsRequest.query");
                        Query = reader.ReadBytes();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "FetchGrantsRequest.mac");
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
