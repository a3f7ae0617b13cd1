using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>The answer to one EventBatch. (proto message sealcabinet.v1.PushAck.)</summary>
    public sealed class PushAck : IProtoMessage
    {
        /// <summary>Highest sequence number of the device's current chain that is durably stored (0 if none).</summary>
        public ulong AckedSeq { get; set; }

        /// <summary>MAC'd server time for the device's trusted clock.</summary>
        public SignedServerTime? ServerTime { get; set; }

        /// <summary>Set when an event of the batch was rejected; events before it that continue the chain are stored.</summary>
        public RejectionReason Rejection { get; set; }

        /// <summary>The seq of the rejected event.</summary>
        public ulong RejectedSeq { get; set; }

        /// <summary>The chain epoch acked_seq belongs to.</summary>
        public uint ChainEpoch { get; set; }

        /// <summary>Decodes a PushAck from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static PushAck Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a PushAck from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static PushAck Parse(byte[]? data, int offset, int count)
        {
            PushAck message = new PushAck();
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
            size += ProtoSize.UInt64Field(1, AckedSeq);
            size += ProtoSize.MessageField(2, ServerTime);
            size += ProtoSize.Int32Field(3, (int)Rejection);
            size += ProtoSize.UInt64Field(4, RejectedSeq);
            size += ProtoSize.UInt32Field(5, ChainEpoch);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteUInt64Field(1, AckedSeq);
            writer.WriteMessageField(2, ServerTime);
            writer.WriteInt32Field(3, (int)Rejection);
            writer.WriteUInt64Field(4, RejectedSeq);
            writer.WriteUInt32Field(5, ChainEpoch);
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
                        reader.ExpectWireType(wireType, WireType.Varint, "PushAck.acked_seq");
                        AckedSeq = reader.ReadUInt64();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "PushAck.server_time");
                        SignedServerTime serverTime = ServerTime ?? new SignedServerTime();
                        reader.ReadMessage(serverTime);
                        ServerTime = serverTime;
                        break;
                    case 3:
                        reader.ExpectWireType(wireType, WireType.Varint, "PushAck.rejection");
                        Rejection = (RejectionReason)reader.ReadInt32();
                        break;
                    case 4:
                        reader.ExpectWireType(wireType, WireType.Varint, "PushAck.rejected_seq");
                        RejectedSeq = reader.ReadUInt64();
                        break;
                    case 5:
                        reader.ExpectWireType(wireType, WireType.Varint, "PushAck.chain_epoch");
                        ChainEpoch = reader.ReadUInt32();
                        break;
                    default:
                        reader.SkipField(wireType);
                        break;
                }
            }
        }
    }
}
