namespace SealCabinet.Firmware.Esp32.Board.Mqtt
{
    /// <summary>
    /// Exponential backoff with jitter for broker reconnects: the n-th consecutive failure waits
    /// min(initial * 2^n, max) plus a random extra of up to half that, so a village's cabinets coming back after a
    /// power cut do not hit the broker in lock-step. Pure arithmetic (mscorlib only) so the host tests run it.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly int _initialMs;
        private readonly int _maxMs;
        private int _failures;

        /// <summary>Creates the policy.</summary>
        /// <param name="initialMs">Delay after the first failure, before jitter (at least 1).</param>
        /// <param name="maxMs">Cap of the delay before jitter (at least <paramref name="initialMs"/>).</param>
        public ReconnectBackoff(int initialMs, int maxMs)
        {
            _initialMs = initialMs < 1 ? 1 : initialMs;
            _maxMs = maxMs < _initialMs ? _initialMs : maxMs;
        }

        /// <summary>Consecutive failures so far.</summary>
        public int Failures
        {
            get { return _failures; }
        }

        /// <summary>Records a failed attempt and returns how long to wait before the next one.</summary>
        /// <param name="jitterSample">A random value 0..65535 (two random bytes).</param>
        /// <returns>The delay in milliseconds.</returns>
        public int NextDelayMs(int jitterSample)
        {
            long delay = _initialMs;
            for (int i = 0; i < _failures && delay < _maxMs; i++)
            {
                delay *= 2;
            }

            if (delay > _maxMs)
            {
                delay = _maxMs;
            }

            if (_failures < int.MaxValue)
            {
                _failures++;
            }

            int sample = jitterSample & 0xFFFF;
            long jitter = delay / 2 * sample / 65536;
            return (int)(delay + jitter);
        }

        /// <summary>Forgets the failures after a successful connect.</summary>
        public void Reset()
        {
            _failures = 0;
        }
    }
}
