using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>One thing that happened at a cabinet. Encoded, then MAC'd into a SignedEvent. (proto message sealcabinet.v1.DeviceEvent.)</summary>
    public sealed class DeviceEvent : IProtoMessage
    {
        /// <summary>Per-device sequence number, starting at 1 for each chain and increasing by exactly 1.</summary>
        public ulong Seq { get; set; }

        /// <summary>SHA-256 of the previous event's encoded DeviceEvent bytes (SignedEvent.event); 32 zero bytes for seq 1.</summary>
        public byte[] PrevHash { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>Device's best estimate of wall-clock time, Unix epoch milliseconds (trusted time when it has one, else 0).</summary>
        public long DeviceTimeMs { get; set; }

        /// <summary>Milliseconds since this boot, from the device's monotonic clock.</summary>
        public ulong UptimeMs { get; set; }

        /// <summary>What happened.</summary>
        public EventType Type { get; set; }

        /// <summary>Sleeve number 1..3; 0 when the event is not about a sleeve.</summary>
        public uint Sleeve { get; set; }

        /// <summary>The grant this event belongs to (UnlockGrant.grant_id), empty if none.</summary>
        public string GrantId { get; set; } = string.Empty;

        /// <summary>Presses counted so far for this grant (PRESS, SLEEVE_RELOCKED, OVERUSE_ALARM).</summary>
        public uint PressCount { get; set; }

        /// <summary>Evidence MAC (HMAC-SHA256 under the evidence key) of a photo, 32 bytes, for EVIDENCE_CAPTURED.</summary>
        public byte[] EvidenceDigest { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>Human-readable detail, at most 200 UTF-8 bytes.</summary>
        public string Detail { get; set; } = string.Empty;

        /// <summary>The device that produced the event (the provisioned device id).</summary>
        public string DeviceId { get; set; } = string.Empty;

        /// <summary>Number of boots since provisioning.</summary>
        public uint BootCount { get; set; }

        /// <summary>Chain number: 1 for the first chain, incremented by each audited chain restart.</summary>
        public uint ChainEpoch { get; set; }

        /// <summary>Why a grant was refused (GRANT_REFUSED only).</summary>
        public GrantRefusalReason RefusalReason { get; set; }

        /// <summary>Seal kind of the sleeve concerned, if any.</summary>
        public SealKind SealKind { get; set; }

        /// <summary>Evidence object id (EVIDENCE_CAPTURED only); unique per device.</summary>
        public string EvidenceId { get; set; } = string.Empty;

        /// <summary>Evidence kind (EVIDENCE_CAPTURED only).</summary>
        public EvidenceKind EvidenceKind { get; set; }

        /// <summary>Evidence size in bytes (EVIDENCE_CAPTURED only).</summary>
        public uint EvidenceSize { get; set; }

        /// <summary>Grant counter of grant_id, when the event concerns a grant.</summary>
        public ulong GrantCounter { get; set; }

        /// <summary>Free managed heap in bytes (BOOT and HEARTBEAT only).</summary>
        public uint FreeHeapBytes { get; set; }

        /// <summary>Decodes a DeviceEvent from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static DeviceEvent Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes a DeviceEvent from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static DeviceEvent Parse(byte[]? data, int offset, int count)
        {
            DeviceEvent message = new DeviceEvent();
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
            size += ProtoSize.UInt64Field(1, Seq);
            size += ProtoSize.BytesField(2, PrevHash);
            size += ProtoSize.Int64Field(3, DeviceTimeMs);
            size += ProtoSize.UInt64Field(4, UptimeMs);
            size += ProtoSize.Int32Field(5, (int)Type);
            size += ProtoSize.UInt32Field(6, Sleeve);
            size += ProtoSize.StringField(7, GrantId);
            size += ProtoSize.UInt32Field(8, PressCount);
            size += ProtoSize.BytesField(9, EvidenceDigest);
            size += ProtoSize.StringField(10, Detail);
            size += ProtoSize.StringField(11, DeviceId);
            size += ProtoSize.UInt32Field(12, BootCount);
            size += ProtoSize.UInt32Field(13, ChainEpoch);
            size += ProtoSize.Int32Field(14, (int)RefusalReason);
            size += ProtoSize.Int32Field(15, (int)SealKind);
            size += ProtoSize.StringField(16, EvidenceId);
            size += ProtoSize.Int32Field(17, (int)EvidenceKind);
            size += ProtoSize.UInt32Field(18, EvidenceSize);
            size += ProtoSize.UInt64Field(19, GrantCounter);
            size += ProtoSize.UInt32Field(20, FreeHeapBytes);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteUInt64Field(1, Seq);
            writer.WriteBytesField(2, PrevHash);
            writer.WriteInt64Field(3, DeviceTimeMs);
            writer.WriteUInt64Field(4, UptimeMs);
            writer.WriteInt32Field(5, (int)Type);
            writer.WriteUInt32Field(6, Sleeve);
            writer.WriteStringField(7, GrantId);
            writer.WriteUInt32Field(8, PressCount);
            writer.WriteBytesField(9, EvidenceDigest);
            writer.WriteStringField(10, Detail);
            writer.WriteStringField(11, DeviceId);
            writer.WriteUInt32Field(12, BootCount);
            writer.WriteUInt32Field(13, ChainEpoch);
            writer.WriteInt32Field(14, (int)RefusalReason);
            writer.WriteInt32Field(15, (int)SealKind);
            writer.WriteStringField(16, EvidenceId);
            writer.WriteInt32Field(17, (int)EvidenceKind);
            writer.WriteUInt32Field(18, EvidenceSize);
            writer.WriteUInt64Field(19, GrantCounter);
            writer.WriteUInt32Field(20, FreeHeapBytes);
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
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.seq");
                        Seq = reader.ReadUInt64();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "DeviceEvent.prev_hash");
                        PrevHash = reader.ReadBytes();
                        break;
                    case 3:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.device_time_ms");
                        DeviceTimeMs = reader.ReadInt64();
                        break;
                    case 4:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.uptime_ms");
                        UptimeMs = reader.ReadUInt64();
                        break;
                    case 5:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.type");
                        Type = (EventType)reader.ReadInt32();
                        break;
                    case 6:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.sleeve");
                        Sleeve = reader.ReadUInt32();
                        break;
                    case 7:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "DeviceEvent.grant_id");
                        GrantId = reader.ReadString();
                        break;
                    case 8:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.press_count");
                        PressCount = reader.ReadUInt32();
                        break;
                    case 9:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "DeviceEvent.evidence_digest");
                        EvidenceDigest = reader.ReadBytes();
                        break;
                    case 10:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "DeviceEvent.detail");
                        Detail = reader.ReadString();
                        break;
                    case 11:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "DeviceEvent.device_id");
                        DeviceId = reader.ReadString();
                        break;
                    case 12:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.boot_count");
                        BootCount = reader.ReadUInt32();
                        break;
                    case 13:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.chain_epoch");
                        ChainEpoch = reader.ReadUInt32();
                        break;
                    case 14:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.refusal_reason");
                        RefusalReason = (GrantRefusalReason)reader.ReadInt32();
                        break;
                    case 15:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.seal_kind");
                        SealKind = (SealKind)reader.ReadInt32();
                        break;
                    case 16:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "DeviceEvent.evidence_id");
                        EvidenceId = reader.ReadString();
                        break;
                    case 17:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.evidence_kind");
                        EvidenceKind = (EvidenceKind)reader.ReadInt32();
                        break;
                    case 18:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.evidence_size");
                        EvidenceSize = reader.ReadUInt32();
                        break;
                    case 19:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.grant_counter");
                        GrantCounter = reader.ReadUInt64();
                        break;
                    case 20:
                        reader.ExpectWireType(wireType, WireType.Varint, "DeviceEvent.free_heap_bytes");
                        FreeHeapBytes = reader.ReadUInt32();
                        break;
                    default:
                        reader.SkipField(wireType);
                        break;
                }
            }
        }
    }
}
