namespace SealCabinet.Firmware.Core.Hardware.Parts
{
    /// <summary>
    /// Turns the card reader's polls into presentations: a card is reported once when it comes into the field, not
    /// again while it stays there, and again only after it was away. A card at the edge of the field can be missed by a
    /// single poll; it counts as taken away only after <c>absentPolls</c> polls in a row without it, so a flicker is not
    /// a second presentation (which would be a second authentication). Another card is reported at once. Not
    /// thread-safe: one polling thread owns it.
    /// </summary>
    public sealed class CardPresence
    {
        private readonly int _absentPollsToForget;
        private byte[]? _present;
        private int _absentPolls;

        /// <summary>Creates the tracker with no card present.</summary>
        /// <param name="absentPollsToForget">Polls in a row without the card after which it counts as taken away (at least 1).</param>
        public CardPresence(int absentPollsToForget)
        {
            _absentPollsToForget = absentPollsToForget < 1 ? 1 : absentPollsToForget;
        }

        /// <summary>Feeds one poll's result.</summary>
        /// <param name="uid">The UID the poll found, or null when it found no card (or the poll failed).</param>
        /// <returns>The UID to report (a copy), or null when nothing new came into the field.</returns>
        public byte[]? Update(byte[]? uid)
        {
            if (uid == null)
            {
                if (_present != null)
                {
                    _absentPolls++;
                    if (_absentPolls >= _absentPollsToForget)
                    {
                        _present = null;
                        _absentPolls = 0;
                    }
                }

                return null;
            }

            _absentPolls = 0;
            if (_present != null && SameBytes(_present, uid))
            {
                return null;
            }

            _present = Copy(uid);
            return Copy(uid);
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static byte[] Copy(byte[] source)
        {
            byte[] copy = new byte[source.Length];
            System.Array.Copy(source, copy, source.Length);
            return copy;
        }
    }
}
