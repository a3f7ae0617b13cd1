using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>
    /// What a wipe (factory reset or re-provisioning to another identity) left behind for the next identity to
    /// report (slot file "resetnote"): written before anything is wiped, consumed once FACTORY_RESET is recorded.
    /// </summary>
    internal sealed class ResetNote
    {
        /// <summary>Slot file name.</summary>
        public const string SlotName = "resetnote";

        /// <summary>Un-uploaded events dropped.</summary>
        public ulong DroppedEvents { get; set; }

        /// <summary>Whether the technician forced it.</summary>
        public bool Forced { get; set; }

        /// <summary>Device id before the wipe.</summary>
        public string PreviousDeviceId { get; set; } = string.Empty;

        /// <summary>Chain epoch before the wipe.</summary>
        public uint PreviousChainEpoch { get; set; }

        /// <summary>"factory reset" or "re-provisioned".</summary>
        public string Cause { get; set; } = string.Empty;

        public byte[] Serialize()
        {
            ProtoWriter writer = new ProtoWriter(96);
            writer.WriteUInt64Field(1, DroppedEvents);
            writer.WriteBoolField(2, Forced);
            writer.WriteStringField(3, PreviousDeviceId);
            writer.WriteUInt32Field(4, PreviousChainEpoch);
            writer.WriteStringField(5, Cause);
            return writer.ToArray();
        }

        public static ResetNote? Deserialize(byte[]? data)
        {
            if (data == null)
            {
                return null;
            }

            ResetNote note = new ResetNote();
            try
            {
                ProtoReader reader = new ProtoReader(data);
                int field;
                int wireType;
                while (reader.TryReadTag(out field, out wireType))
                {
                    if (field == 1 && wireType == WireType.Varint)
                    {
                        note.DroppedEvents = reader.ReadUInt64();
                    }
                    else if (field == 2 && wireType == WireType.Varint)
                    {
                        note.Forced = reader.ReadBool();
                    }
                    else if (field == 3 && wireType == WireType.LengthDelimited)
                    {
                        note.PreviousDeviceId = reader.ReadString();
                    }
                    else if (field == 4 && wireType == WireType.Varint)
                    {
                        note.PreviousChainEpoch = reader.ReadUInt32();
                    }
                    else if (field == 5 && wireType == WireType.LengthDelimited)
                    {
                        note.Cause = reader.ReadString();
                    }
                    else
                    {
                        reader.SkipField(wireType);
                    }
                }
            }
            catch (ProtoDecodeException)
            {
                return null;
            }

            return note;
        }
    }
}
