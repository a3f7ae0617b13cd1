using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Storage;

namespace SealCabinet.Firmware.Core.Sleeves
{
    /// <summary>The part of a sleeve's state that survives a power cut (saved on every transition).</summary>
    public sealed class SleeveState
    {
        /// <summary>The phase.</summary>
        public SleevePhase Phase { get; set; }

        /// <summary>The grant being used (empty when none).</summary>
        public string GrantId { get; set; } = string.Empty;

        /// <summary>Its counter.</summary>
        public ulong GrantCounter { get; set; }

        /// <summary>Presses it allows.</summary>
        public uint PressesAllowed { get; set; }

        /// <summary>Presses counted so far.</summary>
        public uint PressCount { get; set; }

        /// <summary>Whether the seal-not-returned alarm was already raised for this lift.</summary>
        public bool ReturnAlarmRaised { get; set; }

        /// <summary>When the grant expires (trusted time, Unix ms); a READY sleeve gives it up then.</summary>
        public long ExpiresAtMs { get; set; }

        /// <summary>The person the grant is for (READY only): only they may press its stamp button.</summary>
        public string CustodianId { get; set; } = string.Empty;

        /// <summary>Clears the grant and returns to <see cref="SleevePhase.Locked"/>.</summary>
        public void Reset()
        {
            Phase = SleevePhase.Locked;
            GrantId = string.Empty;
            GrantCounter = 0;
            PressesAllowed = 0;
            PressCount = 0;
            ReturnAlarmRaised = false;
            ExpiresAtMs = 0;
            CustodianId = string.Empty;
        }

        /// <summary>Appends the state to <paramref name="writer"/> (fixed order; the grant id is length-prefixed).</summary>
        /// <param name="writer">Destination.</param>
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteVarint((ulong)Phase);
            writer.WriteVarint(GrantCounter);
            writer.WriteVarint(PressesAllowed);
            writer.WriteVarint(PressCount);
            writer.WriteVarint(ReturnAlarmRaised ? 1UL : 0UL);
            byte[] id = Utf8.GetBytes(GrantId);
            writer.WriteVarint((ulong)id.Length);
            writer.WriteRaw(id, 0, id.Length);

            // Only READY needs the expiry and the custodian; states saved by firmware without READY read the same as before.
            if (Phase == SleevePhase.Ready)
            {
                writer.WriteVarint((ulong)ExpiresAtMs);
                byte[] custodian = Utf8.GetBytes(CustodianId);
                writer.WriteVarint((ulong)custodian.Length);
                writer.WriteRaw(custodian, 0, custodian.Length);
            }
        }

        /// <summary>Reads a state written by <see cref="WriteTo"/>.</summary>
        /// <param name="reader">Source.</param>
        /// <returns>The state.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static SleeveState ReadFrom(ProtoReader reader)
        {
            SleeveState state = new SleeveState();
            ulong phase = reader.ReadVarint();
            if (phase > (ulong)SleevePhase.Ready)
            {
                throw new ProtoDecodeException("unknown sleeve phase " + phase.ToString());
            }

            state.Phase = (SleevePhase)(int)phase;
            state.GrantCounter = reader.ReadVarint();
            state.PressesAllowed = reader.ReadUInt32();
            state.PressCount = reader.ReadUInt32();
            state.ReturnAlarmRaised = reader.ReadBool();
            state.GrantId = reader.ReadString();
            if (state.Phase == SleevePhase.Ready)
            {
                state.ExpiresAtMs = (long)reader.ReadVarint();
                state.CustodianId = reader.ReadString();
            }

            return state;
        }
    }
}
