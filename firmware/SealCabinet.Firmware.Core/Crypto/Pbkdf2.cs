namespace SealCabinet.Firmware.Core.Crypto
{
    /// <summary>
    /// PBKDF2-HMAC-SHA256 (RFC 8018) for one 32-byte block: how the cabinet checks a PIN against the salted verifier the
    /// cloud sent, without ever holding the PIN itself. Written on <see cref="IMacProvider"/> so the ESP32 runs it on its
    /// native HMAC.
    /// </summary>
    public static class Pbkdf2
    {
        /// <summary>Output size in bytes (one SHA-256 block).</summary>
        public const int OutputSize = 32;

        /// <summary>Derives the first 32-byte block.</summary>
        /// <param name="password">The password bytes (the HMAC key).</param>
        /// <param name="salt">The salt.</param>
        /// <param name="iterations">Iteration count, at least 1.</param>
        /// <param name="mac">HMAC implementation.</param>
        /// <returns>T1 = U1 ^ U2 ^ … ^ Uc.</returns>
        /// <exception cref="System.ArgumentException">The iteration count is 0.</exception>
        public static byte[] DeriveBlock(byte[] password, byte[] salt, uint iterations, IMacProvider mac)
        {
            if (iterations == 0)
            {
                throw new System.ArgumentException("at least one iteration", "iterations");
            }

            byte[] first = new byte[salt.Length + 4];
            System.Array.Copy(salt, first, salt.Length);
            first[salt.Length + 3] = 1;
            byte[] u = mac.ComputeHmacSha256(password, first, 0, first.Length);
            byte[] result = new byte[OutputSize];
            System.Array.Copy(u, result, OutputSize);
            for (uint i = 1; i < iterations; i++)
            {
                u = mac.ComputeHmacSha256(password, u, 0, u.Length);
                for (int j = 0; j < OutputSize; j++)
                {
                    result[j] ^= u[j];
                }
            }

            return result;
        }
    }
}
