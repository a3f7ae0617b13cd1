using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Core.Uplink
{
    /// <summary>
    /// Exponential backoff with "equal jitter": the n-th consecutive failure waits a random time between
    /// half and all of min(max, initial x 2^(n-1)), so a village of cabinets does not retry in lockstep.
    /// </summary>
    public sealed class Backoff
    {
        private readonly long _initialMs;
        private readonly long _maxMs;
        private readonly IRandomSource _random;
        private readonly byte[] _bytes = new byte[4];
        private long _currentMs;

        /// <summary>Creates the backoff.</summary>
        /// <param name="initialMs">First delay ceiling.</param>
        /// <param name="maxMs">Largest delay ceiling.</param>
        /// <param name="random">Jitter source.</param>
        public Backoff(long initialMs, long maxMs, IRandomSource random)
        {
            _initialMs = initialMs;
            _maxMs = maxMs;
            _random = random;
            _currentMs = initialMs;
        }

        /// <summary>Consecutive failures since the last success.</summary>
        public int Failures { get; private set; }

        /// <summary>The delay before the next attempt after a failure; grows the ceiling.</summary>
        /// <returns>Milliseconds to wait.</returns>
        public long NextDelayMs()
        {
            long ceiling = _currentMs;
            Failures++;
            _currentMs = _currentMs * 2 > _maxMs ? _maxMs : _currentMs * 2;
            _random.NextBytes(_bytes);
            uint r = ((uint)_bytes[0] << 24) | ((uint)_bytes[1] << 16) | ((uint)_bytes[2] << 8) | _bytes[3];
            long half = ceiling / 2;
            return half + (long)(r % (ulong)(half + 1));
        }

        /// <summary>Back to the initial delay after a success.</summary>
        public void Reset()
        {
            _currentMs = _initialMs;
            Failures = 0;
        }
    }
}
