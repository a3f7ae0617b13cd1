using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>Request of FetchGrants. (proto message sealcabinet.v1.FetchGrantsRequest.)</summary>
    public sealed class FetchGrantsRequest : MacedBytes
    {
        /// <summary>Creates an empty message.</summary>
        public FetchGrantsRequest()
            : base("FetchGrantsRequest.query", "FetchGrantsRequest.mac")
        {
        }

        /// <summary>Exactly the bytes of an encoded GrantQuery.</summary>
        public byte[] Query
        {
            get { return Payload; }
            set { Payload = value; }
        }

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
    }
}
