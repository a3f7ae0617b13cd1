using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Crypto
{
    /// <summary>
    /// The purpose keys of one device, derived from its 32-byte secret as docs/device-protocol.md says:
    /// key(purpose) = HMAC-SHA256(key = device_secret, message = ASCII("sealcabinet/v1/key/" + purpose)).
    /// </summary>
    public sealed class DeviceKeys
    {
        /// <summary>Size of the device secret in bytes.</summary>
        public const int SecretSize = 32;

        private DeviceKeys(byte[] eventKey, byte[] grantKey, byte[] timeKey, byte[] evidenceKey, byte[] rosterKey, byte[] withdrawalKey, byte[] mqttKey)
        {
            RosterKey = rosterKey;
            WithdrawalKey = withdrawalKey;
            EventKey = eventKey;
            GrantKey = grantKey;
            TimeKey = timeKey;
            EvidenceKey = evidenceKey;
            MqttKey = mqttKey;
        }

        /// <summary>Key of the event, evidence-chunk and grant-query MACs.</summary>
        public byte[] EventKey { get; }

        /// <summary>Key of the grant MAC.</summary>
        public byte[] GrantKey { get; }

        /// <summary>Key of the server-time MAC.</summary>
        public byte[] TimeKey { get; }

        /// <summary>Key of the evidence MAC of a photo.</summary>
        public byte[] EvidenceKey { get; }

        /// <summary>Key of the roster MAC and of the card digests in it.</summary>
        public byte[] RosterKey { get; }

        /// <summary>Key of the grant-withdrawal MAC.</summary>
        public byte[] WithdrawalKey { get; }

        /// <summary>The raw MQTT key.</summary>
        public byte[] MqttKey { get; }

        /// <summary>The MQTT password: lowercase hex of the MQTT key, 64 characters.</summary>
        public string MqttPassword
        {
            get { return Hex.ToLowerHex(MqttKey); }
        }

        /// <summary>Derives every purpose key from the device secret.</summary>
        /// <param name="deviceSecret">The 32-byte device secret.</param>
        /// <param name="mac">The HMAC implementation.</param>
        /// <returns>The keys.</returns>
        /// <exception cref="System.ArgumentException">The secret is not 32 bytes.</exception>
        public static DeviceKeys Derive(byte[] deviceSecret, IMacProvider mac)
        {
            if (deviceSecret == null || deviceSecret.Length != SecretSize)
            {
                throw new System.ArgumentException("device secret must be exactly 32 bytes", "deviceSecret");
            }

            return new DeviceKeys(
                DeriveKey(deviceSecret, KeyPurpose.Event, mac),
                DeriveKey(deviceSecret, KeyPurpose.Grant, mac),
                DeriveKey(deviceSecret, KeyPurpose.Time, mac),
                DeriveKey(deviceSecret, KeyPurpose.Evidence, mac),
                DeriveKey(deviceSecret, KeyPurpose.Roster, mac),
                DeriveKey(deviceSecret, KeyPurpose.Withdrawal, mac),
                DeriveKey(deviceSecret, KeyPurpose.Mqtt, mac));
        }

        /// <summary>Derives one purpose key.</summary>
        /// <param name="deviceSecret">The device secret.</param>
        /// <param name="purpose">The purpose label, see <see cref="KeyPurpose"/>.</param>
        /// <param name="mac">The HMAC implementation.</param>
        /// <returns>The 32-byte key.</returns>
        public static byte[] DeriveKey(byte[] deviceSecret, string purpose, IMacProvider mac)
        {
            byte[] label = Utf8.GetBytes(KeyPurpose.LabelPrefix + purpose);
            return mac.ComputeHmacSha256(deviceSecret, label, 0, label.Length);
        }
    }
}
