using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>Small persistent counters of the device (slot file "device").</summary>
    public sealed class DeviceState
    {
        /// <summary>Boots since provisioning.</summary>
        public uint BootCount { get; set; }

        /// <summary>Highest seq the cloud acked in the current chain.</summary>
        public ulong AckedSeq { get; set; }

        /// <summary>The current chain epoch.</summary>
        public uint ChainEpoch { get; set; }

        /// <summary>A recent MAC'd server time (Unix ms; saved at most every few minutes): the real-time clock is never believed earlier.</summary>
        public long LastServerTimeMs { get; set; }

        /// <summary>Encodes the state.</summary>
        /// <returns>The bytes.</returns>
        public byte[] Serialize()
        {
            ProtoWriter writer = new ProtoWriter(32);
            writer.WriteVarint(BootCount);
            writer.WriteVarint(AckedSeq);
            writer.WriteVarint(ChainEpoch);
            writer.WriteVarint((ulong)LastServerTimeMs);
            return writer.ToArray();
        }

        /// <summary>Decodes the state; null or damaged bytes give null.</summary>
        /// <param name="data">The bytes.</param>
        /// <returns>The state or null.</returns>
        public static DeviceState? Deserialize(byte[]? data)
        {
            if (data == null)
            {
                return null;
            }

            try
            {
                ProtoReader reader = new ProtoReader(data);
                DeviceState state = new DeviceState();
                state.BootCount = reader.ReadUInt32();
                state.AckedSeq = reader.ReadVarint();
                state.ChainEpoch = reader.ReadUInt32();

                // Written by firmware since the real-time clock; a state saved before it ends here.
                if (!reader.IsAtLimit)
                {
                    state.LastServerTimeMs = (long)reader.ReadVarint();
                }

                return state;
            }
            catch (ProtoDecodeException)
            {
                return null;
            }
        }
    }
}
