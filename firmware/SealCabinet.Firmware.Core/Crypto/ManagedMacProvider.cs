namespace SealCabinet.Firmware.Core.Crypto
{
    /// <summary>
    /// <see cref="IMacProvider"/> on the managed <see cref="HmacSha256"/>. It keeps the prepared state of the
    /// last few keys (the purpose keys are long-lived arrays), so a MAC does not re-hash the key pads.
    /// Not thread-safe: the firmware runs on one thread.
    /// </summary>
    public sealed class ManagedMacProvider : IMacProvider
    {
        private const int CacheSize = 6;
        private readonly byte[]?[] _keys = new byte[]?[CacheSize];
        private readonly HmacSha256?[] _macs = new HmacSha256?[CacheSize];
        private int _next;

        /// <inheritdoc />
        public byte[] ComputeHmacSha256(byte[] key, byte[] data, int offset, int count)
        {
            return For(key).Compute(data, offset, count);
        }

        /// <summary>The prepared MAC for <paramref name="key"/> (cached by array identity).</summary>
        /// <param name="key">The key array; it must not be modified afterwards.</param>
        /// <returns>A prepared MAC instance.</returns>
        public HmacSha256 For(byte[] key)
        {
            for (int i = 0; i < CacheSize; i++)
            {
                if (ReferenceEquals(_keys[i], key))
                {
                    return _macs[i]!;
                }
            }

            HmacSha256 mac = new HmacSha256(key);
            _keys[_next] = key;
            _macs[_next] = mac;
            _next = (_next + 1) % CacheSize;
            return mac;
        }
    }
}
