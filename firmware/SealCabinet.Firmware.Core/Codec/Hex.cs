namespace SealCabinet.Firmware.Core.Codec
{
    /// <summary>Hexadecimal text of byte arrays.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>Lowercase hex, two characters per byte.</summary>
        /// <param name="bytes">The bytes.</param>
        /// <returns>The hex string.</returns>
        public static string ToLowerHex(byte[] bytes)
        {
            char[] chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = Digits[bytes[i] >> 4];
                chars[(2 * i) + 1] = Digits[bytes[i] & 0xF];
            }

            return new string(chars);
        }
    }
}
