using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Time;

namespace SealCabinet.Firmware.Core.Grants
{
    /// <summary>
    /// Checks a SignedGrant, in this order: decodable, MAC under the grant key (constant-time), grant
    /// decodable and sane, for this device, sleeve exists and holds the grant's seal kind, trusted time
    /// present, not before not_before_ms, before expires_at_ms, counter fresh in the anti-replay window.
    /// It changes nothing: the caller marks the counter and persists the window before the solenoid moves.
    /// </summary>
    public sealed class GrantVerifier
    {
        private readonly string _deviceId;
        private readonly byte[] _grantKey;
        private readonly IMacProvider _mac;
        private readonly SealKind[] _sleeveKinds;
        private readonly TrustedClock _clock;
        private readonly AntiReplayWindow _window;

        /// <summary>Creates the verifier.</summary>
        /// <param name="deviceId">This device's id.</param>
        /// <param name="grantKey">This device's grant key.</param>
        /// <param name="mac">HMAC implementation.</param>
        /// <param name="sleeveKinds">Seal kind held by sleeves 1..3 (index 0..2).</param>
        /// <param name="clock">Trusted time.</param>
        /// <param name="window">Anti-replay window (read only here).</param>
        public GrantVerifier(string deviceId, byte[] grantKey, IMacProvider mac, SealKind[] sleeveKinds, TrustedClock clock, AntiReplayWindow window)
        {
            _deviceId = deviceId;
            _grantKey = grantKey;
            _mac = mac;
            _sleeveKinds = sleeveKinds;
            _clock = clock;
            _window = window;
        }

        /// <summary>Verifies an encoded SignedGrant (an MQTT payload).</summary>
        /// <param name="signedGrantBytes">The bytes.</param>
        /// <returns>The verdict.</returns>
        public GrantVerification Verify(byte[] signedGrantBytes)
        {
            SignedGrant signed;
            try
            {
                signed = SignedGrant.Parse(signedGrantBytes);
            }
            catch (ProtoDecodeException)
            {
                return new GrantVerification(GrantRefusalReason.Malformed, null, ProtoConstants.EmptyBytes);
            }

            return Verify(signed);
        }

        /// <summary>Verifies a decoded SignedGrant (from a FetchGrants response).</summary>
        /// <param name="signed">The signed grant.</param>
        /// <returns>The verdict.</returns>
        public GrantVerification Verify(SignedGrant signed)
        {
            if (!signed.HasValidMac(_grantKey, _mac))
            {
                return new GrantVerification(GrantRefusalReason.BadMac, null, signed.Mac);
            }

            UnlockGrant grant;
            try
            {
                grant = UnlockGrant.Parse(signed.Grant);
            }
            catch (ProtoDecodeException)
            {
                return new GrantVerification(GrantRefusalReason.Malformed, null, signed.Mac);
            }

            return new GrantVerification(Check(grant), grant, signed.Mac);
        }

        private GrantRefusalReason Check(UnlockGrant grant)
        {
            if (grant.GrantId.Length == 0 || grant.PressesAllowed == 0 || grant.Counter == 0)
            {
                return GrantRefusalReason.Malformed;
            }

            if (grant.DeviceId != _deviceId)
            {
                return GrantRefusalReason.WrongDevice;
            }

            if (grant.Sleeve < 1 || grant.Sleeve > _sleeveKinds.Length || _sleeveKinds[grant.Sleeve - 1] != grant.SealKind)
            {
                return GrantRefusalReason.WrongSleeve;
            }

            if (!_clock.HasTrustedTime)
            {
                return GrantRefusalReason.NoTrustedTime;
            }

            long now = _clock.NowMs;
            if (now < grant.NotBeforeMs)
            {
                return GrantRefusalReason.NotYetValid;
            }

            if (now >= grant.ExpiresAtMs)
            {
                return GrantRefusalReason.Expired;
            }

            return _window.Check(grant.Counter);
        }
    }
}
