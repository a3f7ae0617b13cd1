namespace SealCabinet.Firmware.Core.Crypto
{
    /// <summary>Comparisons whose running time does not depend on where the inputs differ.</summary>
    public static class ConstantTime
    {
        /// <summary>
        /// True when both arrays hold the same bytes. The time depends only on the length (which is not
        /// secret: MACs are always 32 bytes), never on the position of the first difference.
        /// </summary>
        /// <param name="a">First array.</param>
        /// <param name="b">Second array.</param>
        /// <returns>Whether they are equal; false if either is null or the lengths differ.</returns>
        public static bool AreEqual(byte[]? a, byte[]? b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
            }

            return diff == 0;
        }
    }
}
