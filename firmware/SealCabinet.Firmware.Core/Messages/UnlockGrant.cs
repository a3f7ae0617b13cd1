using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>A one-time authorisation for one sleeve of one cabinet. (proto message sealcabinet.v1.UnlockGrant.)</summary>
    public sealed class UnlockGrant : IProtoMessage
    {
        /// <summary>Unique grant id (UUID, text form).</summary>
        public string GrantId { get; set; } = string.Empty;

        /// <summary>The cabinet the grant is for.</summary>
        public string DeviceId { get; set; } = string.Empty;

        /// <summary>Sleeve number 1..3.</summary>
        public uint Sleeve { get; set; }

        /// <summary>The seal kind that sleeve must hold.</summary>
        public SealKind SealKind { get; set; }

        /// <summary>The approved seal-use request (UUID, text form).</summary>
        public string RequestId { get; set; } = string.Empty;

        /// <summary>Number of presses allowed (the number of copies approved).</summary>
        public uint PressesAllowed { get; set; }

        /// <summary>SHA-256 of the approved document scan (32 bytes).</summary>
        public byte[] DocumentDigest { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>Not valid before this time, Unix epoch milliseconds.</summary>
        public long NotBeforeMs { get; set; }

        /// <summary>Not valid at or after this time, Unix epoch milliseconds.</summary>
        public long ExpiresAtMs { get; set; }

        /// <summary>Per-device grant counter, strictly increasing, starting at 1; the device's anti-replay key.</summary>
        public ulong Counter { get; set; }

        /// <summary>Matter code of the request (informational, shown on the cabinet).</summary>
        public string MatterCode { get; set; } = string.Empty;

        /// <summary>Decodes an UnlockGrant from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static UnlockGrant Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes an UnlockGrant from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static UnlockGrant Parse(byte[]? data, int offset, int count)
        {
            UnlockGrant message = new UnlockGrant();
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
            size += ProtoSize.StringField(1, GrantId);
            size += ProtoSize.StringField(2, DeviceId);
            size += ProtoSize.UInt32Field(3, Sleeve);
            size += ProtoSize.Int32Field(4, (int)SealKind);
            size += ProtoSize.StringField(5, RequestId);
            size += ProtoSize.UInt32Field(6, PressesAllowed);
            size += ProtoSize.BytesField(7, DocumentDigest);
            size += ProtoSize.Int64Field(8, NotBeforeMs);
            size += ProtoSize.Int64Field(9, ExpiresAtMs);
            size += ProtoSize.UInt64Field(10, Counter);
            size += ProtoSize.StringField(11, MatterCode);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteStringField(1, GrantId);
            writer.WriteStringField(2, DeviceId);
            writer.WriteUInt32Field(3, Sleeve);
            writer.WriteInt32Field(4, (int)SealKind);
            writer.WriteStringField(5, RequestId);
            writer.WriteUInt32Field(6, PressesAllowed);
            writer.WriteBytesField(7, DocumentDigest);
            writer.WriteInt64Field(8, NotBeforeMs);
            writer.WriteInt64Field(9, ExpiresAtMs);
            writer.WriteUInt64Field(10, Counter);
            writer.WriteStringField(11, MatterCode);
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
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "UnlockGrant.grant_id");
                        GrantId = reader.ReadString();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "UnlockGrant.device_id");
                        DeviceId = reader.ReadString();
                        break;
                    case 3:
                        reader.ExpectWireType(wireType, WireType.Varint, "UnlockGrant.sleeve");
                        Sleeve = reader.ReadUInt32();
                        break;
                    case 4:
                        reader.ExpectWireType(wireType, WireType.Varint, "UnlockGrant.seal_kind");
                        SealKind = (SealKind)reader.ReadInt32();
                        break;
                    case 5:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "UnlockGrant.request_id");
                        RequestId = reader.ReadString();
                        break;
                    case 6:
                        reader.ExpectWireType(wireType, WireType.Varint, "UnlockGrant.presses_allowed");
                        PressesAllowed = reader.ReadUInt32();
                        break;
                    case 7:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "UnlockGrant.document_digest");
                        DocumentDigest = reader.ReadBytes();
                        break;
                    case 8:
                        reader.ExpectWireType(wireType, WireType.Varint, "UnlockGrant.not_before_ms");
                        NotBeforeMs = reader.ReadInt64();
                        break;
                    case 9:
                        reader.ExpectWireType(wireType, WireType.Varint, "UnlockGrant.expires_at_ms");
                        ExpiresAtMs = reader.ReadInt64();
                        break;
                    case 10:
                        reader.ExpectWireType(wireType, WireType.Varint, "UnlockGrant.counter");
                        Counter = reader.ReadUInt64();
                        break;
                    case 11:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "UnlockGrant.matter_code");
                        MatterCode = reader.ReadString();
                        break;
                    default:
                        reader.SkipField(wireType);
                        break;
                }
            }
        }
    }
}
