namespace SealCabinet.Firmware.Core.Crypto
{
    /// <summary>
    /// Managed HMAC-SHA256 (RFC 2104) for one key. The padded key blocks are hashed once at construction,
    /// so each MAC costs two SHA-256 finishes and no allocation beyond the result.
    /// </summary>
    public sealed class HmacSha256
    {
        /// <summary>MAC size in bytes.</summary>
        public const int MacSize = 32;

        private readonly Sha256 _innerStart = new Sha256();
        private readonly Sha256 _outerStart = new Sha256();
        private readonly Sha256 _work = new Sha256();
        private readonly byte[] _innerDigest = new byte[Sha256.HashSize];

        /// <summary>Prepares HMAC-SHA256 under <paramref name="key"/>.</summary>
        /// <param name="key">The key, any length (longer than 64 bytes is hashed first).</param>
        public HmacSha256(byte[] key)
        {
            byte[] k = key.Length > Sha256.BlockSize ? Sha256.Hash(key) : key;
            byte[] pad = new byte[Sha256.BlockSize];
            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                pad[i] = (byte)((i < k.Length ? k[i] : 0) ^ 0x36);
            }

            _innerStart.Update(pad, 0, Sha256.BlockSize);
            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                pad[i] = (byte)((i < k.Length ? k[i] : 0) ^ 0x5c);
            }

            _outerStart.Update(pad, 0, Sha256.BlockSize);
            System.Array.Clear(pad, 0, pad.Length);
        }

        /// <summary>MAC of a whole array under <paramref name="key"/>.</summary>
        /// <param name="key">The key.</param>
        /// <param name="data">The message.</param>
        /// <returns>The 32-byte MAC.</returns>
        public static byte[] Compute(byte[] key, byte[] data)
        {
            return new HmacSha256(key).Compute(data, 0, data.Length);
        }

        /// <summary>MAC of part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <returns>The 32-byte MAC.</returns>
        public byte[] Compute(byte[] data, int offset, int count)
        {
            byte[] mac = new byte[MacSize];
            Compute(data, offset, count, mac, 0);
            return mac;
        }

        /// <summary>MAC of part of an array, written into <paramref name="output"/>.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <param name="output">Destination.</param>
        /// <param name="outputOffset">Where the 32 bytes go.</param>
        public void Compute(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Begin();
            Update(data, offset, count);
            Finish(output, outputOffset);
        }

        /// <summary>Starts an incremental MAC.</summary>
        public void Begin()
        {
            _work.CopyFrom(_innerStart);
        }

        /// <summary>Adds bytes to an incremental MAC.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        public void Update(byte[] data, int offset, int count)
        {
            _work.Update(data, offset, count);
        }

        /// <summary>Finishes an incremental MAC.</summary>
        /// <param name="output">Destination.</param>
        /// <param name="outputOffset">Where the 32 bytes go.</param>
        public void Finish(byte[] output, int outputOffset)
        {
            _work.Finish(_innerDigest, 0);
            _work.CopyFrom(_outerStart);
            _work.Update(_innerDigest, 0, Sha256.HashSize);
            _work.Finish(output, outputOffset);
        }
    }
}
