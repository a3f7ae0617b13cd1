namespace SealCabinet.Firmware.Core.Hardware.Parts
{
    /// <summary>
    /// Debounces the keypad scans and reports each key once per press. A scan result counts only once it held for the
    /// debounce time, so contact bounce at press and release is ignored. A key is reported when it becomes the steady
    /// single key, unless it is the key already reported and nothing but other keys came between: a steady release
    /// re-arms every key. So a key held down is reported once; a finger brushing a second key and letting go does not
    /// repeat the first; and typing fast with a short overlap (1 still down as 2 goes down, then 1 up) still reports 2.
    /// Not thread-safe: one scanning thread owns it.
    /// </summary>
    public sealed class KeyDebouncer
    {
        private readonly long _debounceMs;
        private char _candidate = KeypadMatrix.NoKey;
        private long _candidateSinceMs;
        private char _steady = KeypadMatrix.NoKey;
        private char _lastReported = KeypadMatrix.NoKey;

        /// <summary>Creates the debouncer, all keys up.</summary>
        /// <param name="debounceMs">How long a scan result must hold before it counts.</param>
        public KeyDebouncer(int debounceMs)
        {
            _debounceMs = debounceMs < 0 ? 0 : debounceMs;
        }

        /// <summary>Feeds one scan.</summary>
        /// <param name="scanned">The decoded scan: a key, <see cref="KeypadMatrix.NoKey"/> or <see cref="KeypadMatrix.SeveralKeys"/>.</param>
        /// <param name="nowMs">Monotonic time of the scan, milliseconds.</param>
        /// <returns>The key to report, or <see cref="KeypadMatrix.NoKey"/>.</returns>
        public char Update(char scanned, long nowMs)
        {
            if (scanned != _candidate)
            {
                _candidate = scanned;
                _candidateSinceMs = nowMs;
            }

            if (_candidate == _steady || nowMs - _candidateSinceMs < _debounceMs)
            {
                return KeypadMatrix.NoKey;
            }

            _steady = _candidate;
            if (_steady == KeypadMatrix.NoKey)
            {
                _lastReported = KeypadMatrix.NoKey;
                return KeypadMatrix.NoKey;
            }

            if (_steady == KeypadMatrix.SeveralKeys || _steady == _lastReported)
            {
                return KeypadMatrix.NoKey;
            }

            _lastReported = _steady;
            return _steady;
        }
    }
}
