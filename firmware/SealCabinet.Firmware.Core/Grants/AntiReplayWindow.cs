using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Storage;

namespace SealCabinet.Firmware.Core.Grants
{
    /// <summary>
    /// Anti-replay window over the per-device grant counter, like IPsec/DTLS: the highest accepted counter
    /// and a 64-bit bitmap of the counters at and below it (bit i = counter Highest - i was accepted).
    /// </summary>
    public sealed class AntiReplayWindow
    {
        /// <summary>Number of counters the window remembers below and including the highest.</summary>
        public const int WindowSize = 64;

        /// <summary>Serialized size in bytes.</summary>
        public const int SerializedSize = 16;

        /// <summary>Highest accepted counter (0 when none).</summary>
        public ulong Highest { get; private set; }

        /// <summary>Bitmap of accepted counters relative to <see cref="Highest"/>.</summary>
        public ulong Bitmap { get; private set; }

        /// <summary>Restores a window from <see cref="Serialize"/> output.</summary>
        /// <param name="data">The bytes, or null for a fresh window.</param>
        /// <returns>The window.</returns>
        public static AntiReplayWindow Deserialize(byte[]? data)
        {
            AntiReplayWindow window = new AntiReplayWindow();
            window.Restore(data);
            return window;
        }

        /// <summary>Replaces the window's state with <see cref="Serialize"/> output (null or bad length: empty window).</summary>
        /// <param name="data">The bytes.</param>
        public void Restore(byte[]? data)
        {
            if (data != null && data.Length == SerializedSize)
            {
                Highest = BigEndian.ReadUInt64(data, 0);
                Bitmap = BigEndian.ReadUInt64(data, 8);
            }
            else
            {
                Highest = 0;
                Bitmap = 0;
            }
        }

        /// <summary>Checks a counter without changing the window.</summary>
        /// <param name="counter">The grant counter.</param>
        /// <returns><see cref="GrantRefusalReason.Unspecified"/> when fresh, else Replayed, OutsideWindow or Malformed (counter 0).</returns>
        public GrantRefusalReason Check(ulong counter)
        {
            if (counter == 0)
            {
                return GrantRefusalReason.Malformed;
            }

            if (counter > Highest)
            {
                return GrantRefusalReason.Unspecified;
            }

            ulong back = Highest - counter;
            if (back >= WindowSize)
            {
                return GrantRefusalReason.OutsideWindow;
            }

            return (Bitmap & (1UL << (int)back)) != 0 ? GrantRefusalReason.Replayed : GrantRefusalReason.Unspecified;
        }

        /// <summary>
        /// Treats every counter up to <paramref name="counter"/> as used: the window rebuilt when its saved copies
        /// were lost, from the highest counter the journal still shows (a grant the cloud reissues gets a new counter).
        /// </summary>
        /// <param name="counter">The highest counter known to have been used.</param>
        public void SealUpTo(ulong counter)
        {
            if (counter > Highest)
            {
                Highest = counter;
            }

            Bitmap = ulong.MaxValue;
        }

        /// <summary>Marks a counter (which passed <see cref="Check"/>) as used.</summary>
        /// <param name="counter">The grant counter.</param>
        public void Mark(ulong counter)
        {
            if (counter > Highest)
            {
                ulong shift = counter - Highest;
                Bitmap = shift >= WindowSize ? 0 : Bitmap << (int)shift;
                Bitmap |= 1;
                Highest = counter;
                return;
            }

            Bitmap |= 1UL << (int)(Highest - counter);
        }

        /// <summary>The window as 16 bytes (highest, bitmap; big-endian).</summary>
        /// <returns>The bytes.</returns>
        public byte[] Serialize()
        {
            byte[] data = new byte[SerializedSize];
            BigEndian.WriteUInt64(data, 0, Highest);
            BigEndian.WriteUInt64(data, 8, Bitmap);
            return data;
        }
    }
}
