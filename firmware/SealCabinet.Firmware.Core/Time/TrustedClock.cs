using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Time
{
    /// <summary>
    /// The device's trusted wall clock (docs/device-protocol.md, "Trusted time"): taken only from a
    /// SignedServerTime whose MAC verifies under the time key, whose device id is ours and whose nonce is
    /// the one we just sent; then trusted_now = server_time_ms + (uptime_now - uptime_at_receipt).
    /// Never from the board's own clock or SNTP. Lost at reboot by design.
    /// </summary>
    public sealed class TrustedClock
    {
        private readonly string _deviceId;
        private readonly byte[] _timeKey;
        private readonly IMacProvider _mac;
        private readonly IMonotonicClock _clock;
        private long _serverTimeMs;
        private long _uptimeAtReceipt;
        private bool _trusted;
        private long _lastServerTimeMs;

        /// <summary>Creates an untrusted clock.</summary>
        /// <param name="deviceId">This device's id.</param>
        /// <param name="timeKey">This device's time key.</param>
        /// <param name="mac">HMAC implementation.</param>
        /// <param name="clock">Monotonic clock.</param>
        public TrustedClock(string deviceId, byte[] timeKey, IMacProvider mac, IMonotonicClock clock)
        {
            _deviceId = deviceId;
            _timeKey = timeKey;
            _mac = mac;
            _clock = clock;
        }

        /// <summary>True once a server time was accepted since boot.</summary>
        public bool HasTrustedTime
        {
            get { return _trusted; }
        }

        /// <summary>Trusted Unix time in milliseconds, or 0 without trusted time.</summary>
        public long NowMs
        {
            get { return _trusted ? _serverTimeMs + (_clock.UptimeMs - _uptimeAtReceipt) : 0; }
        }

        /// <summary>The server time of the last MAC'd answer applied (0 before the first since boot).</summary>
        public long LastServerTimeMs
        {
            get { return _lastServerTimeMs; }
        }

        /// <summary>
        /// Starts trusted time at boot from the battery-backed clock, which the caller has checked is not earlier than
        /// the last server time it saved; the next server answer replaces it.
        /// </summary>
        /// <param name="unixMs">The clock's time, Unix epoch milliseconds.</param>
        public void SeedFromRealTimeClock(long unixMs)
        {
            _serverTimeMs = unixMs;
            _uptimeAtReceipt = _clock.UptimeMs;
            _trusted = true;
        }

        /// <summary>Checks a server time from a response to a request that carried <paramref name="expectedNonce"/>.</summary>
        /// <param name="signedTime">The SignedServerTime of the response, or null.</param>
        /// <param name="expectedNonce">The nonce sent with the request.</param>
        /// <returns>Whether it was accepted, and if not, why.</returns>
        public TimeUpdateResult Apply(SignedServerTime? signedTime, byte[] expectedNonce)
        {
            if (signedTime == null || signedTime.Time.Length == 0)
            {
                return TimeUpdateResult.Missing;
            }

            if (!signedTime.HasValidMac(_timeKey, _mac))
            {
                return TimeUpdateResult.BadMac;
            }

            ServerTime time;
            try
            {
                time = ServerTime.Parse(signedTime.Time);
            }
            catch (ProtoDecodeException)
            {
                return TimeUpdateResult.Malformed;
            }

            if (time.DeviceId != _deviceId)
            {
                return TimeUpdateResult.WrongDevice;
            }

            if (expectedNonce.Length == 0 || !ConstantTime.AreEqual(time.Nonce, expectedNonce))
            {
                return TimeUpdateResult.WrongNonce;
            }

            _serverTimeMs = time.ServerTimeMs;
            _uptimeAtReceipt = _clock.UptimeMs;
            _trusted = true;
            _lastServerTimeMs = time.ServerTimeMs;
            return TimeUpdateResult.Accepted;
        }
    }
}
