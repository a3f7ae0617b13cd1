using System;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Esp32.Board.Clock
{
    /// <summary>
    /// Random bytes for request nonces and backoff jitter. nanoFramework's <see cref="Random"/> is backed by the
    /// target's native random source; the nonces only need to be unique per request (they bind a signed server
    /// time to one exchange), not secret.
    /// </summary>
    public sealed class RuntimeRandom : IRandomSource
    {
        private readonly Random _random = new Random();

        /// <inheritdoc />
        public void NextBytes(byte[] buffer)
        {
            lock (_random)
            {
                _random.NextBytes(buffer);
            }
        }
    }
}
