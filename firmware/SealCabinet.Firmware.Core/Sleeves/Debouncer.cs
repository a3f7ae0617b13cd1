namespace SealCabinet.Firmware.Core.Sleeves
{
    /// <summary>
    /// Debounces one input from timestamped edges: a level counts once it has held for the debounce time.
    /// Fed with the edges in order and polled with the current time, so a press and release that both
    /// happened between two firmware ticks are still seen, and a bounce shorter than the debounce is not.
    /// </summary>
    public sealed class Debouncer
    {
        private readonly long _debounceMs;
        private bool _raw;
        private long _rawSince;

        /// <summary>Creates a debouncer at a known level.</summary>
        /// <param name="initial">The level at start.</param>
        /// <param name="debounceMs">How long a level must hold.</param>
        /// <param name="now">Current uptime.</param>
        public Debouncer(bool initial, long debounceMs, long now)
        {
            Stable = initial;
            _raw = initial;
            _rawSince = now;
            _debounceMs = debounceMs;
        }

        /// <summary>The debounced level.</summary>
        public bool Stable { get; private set; }

        /// <summary>When the last stable change physically began (uptime ms).</summary>
        public long StableSince { get; private set; }

        /// <summary>
        /// Takes a raw edge at time <paramref name="at"/>. Returns true when, before this edge, the previous
        /// raw level had held long enough to become the stable level (read <see cref="Stable"/>).
        /// </summary>
        /// <param name="level">New raw level.</param>
        /// <param name="at">When it changed (uptime ms).</param>
        /// <returns>True when the stable level changed.</returns>
        public bool Edge(bool level, long at)
        {
            bool changed = Settle(at);
            if (level != _raw)
            {
                _raw = level;
                _rawSince = at;
            }

            return changed;
        }

        /// <summary>Commits the raw level if it has held for the debounce time by <paramref name="now"/>.</summary>
        /// <param name="now">Current uptime.</param>
        /// <returns>True when the stable level changed.</returns>
        public bool Settle(long now)
        {
            if (_raw != Stable && now - _rawSince >= _debounceMs)
            {
                Stable = _raw;
                StableSince = _rawSince;
                return true;
            }

            return false;
        }
    }
}
