using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Crypto
{
    /// <summary>Host-only random source: the OS CSPRNG, or a seeded generator for reproducible runs.</summary>
    public sealed class SystemRandomSource : IRandomSource
    {
        private readonly System.Random? _seeded;

        /// <summary>Creates the source.</summary>
        /// <param name="seed">A seed for reproducible bytes, or null for the OS CSPRNG.</param>
        public SystemRandomSource(int? seed = null)
        {
            _seeded = seed.HasValue ? new System.Random(seed.Value) : null;
        }

        /// <inheritdoc />
        public void NextBytes(byte[] buffer)
        {
            if (_seeded == null)
            {
                RandomNumberGenerator.Fill(buffer);
            }
            else
            {
                lock (_seeded)
                {
                    _seeded.NextBytes(buffer);
                }
            }
        }
    }
}
