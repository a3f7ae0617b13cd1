using System.Collections;
using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>Response of FetchGrants. (proto message sealcabinet.v1.FetchGrantsResponse.)</summary>
    public sealed class FetchGrantsResponse : IProtoMessage
    {
        /// <summary>Grants issued to the device and not yet used, revoked or expired, in counter order.</summary>
        public SignedGrant[] Grants { get; set; } = new SignedGrant[0];

        /// <summary>MAC'd server time for the device's trusted clock.</summary>
        public SignedServerTime? ServerTime { get; set; }

        /// <summary>Decodes a FetchGrantsResponse from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static FetchGrantsResponse Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a FetchGrantsResponse from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static FetchGrantsResponse Parse(byte[]? data, int offset, int count)
        {
            FetchGrantsResponse message = new FetchGrantsResponse();
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
            for (int i = 0; i < Grants.Length; i++)
            {
                size += ProtoSize.MessageField(1, Grants[i]);
            }
            size += ProtoSize.MessageField(2, ServerTime);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            for (int i = 0; i < Grants.Length; i++)
            {
                writer.WriteMessageField(1, Grants[i]);
            }
            writer.WriteMessageField(2, ServerTime);
        }

        /// <inheritdoc />
        public void MergeFrom(ProtoReader reader)
        {
            ArrayList? grants = null;
            int field;
            int wireType;
            while (reader.TryReadTag(out field, out wireType))
            {
                switch (field)
                {
                    case 1:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "FetchGrantsResponse.grants");
                        SignedGrant grantsItem = new SignedGrant();
                        reader.ReadMessage(grantsItem);
                        if (grants == null)
                        {
                            grants = new ArrayList();
                            for (int i = 0; i < Grants.Length; i++)
                            {
                                grants.Add(Grants[i]);
                            }
                        }

                        grants.Add(grantsItem);
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "FetchGrantsResponse.server_time");
                        SignedServerTime serverTime = ServerTime ?? new SignedServerTime();
                        reader.ReadMessage(serverTime);
                        ServerTime = serverTime;
                        break;
                    default:
                        reader.SkipField(wireType);
                        break;
                }
            }

            if (grants != null)
            {
                Grants = (SignedGrant[])grants.ToArray(typeof(SignedGrant));
            }
        }
    }
}
