namespace SealCabinet.Firmware.Core.Crypto
{
    /// <summary>The purpose labels of docs/device-protocol.md ("sealcabinet/v1/key/" + purpose).</summary>
    public static class KeyPurpose
    {
        /// <summary>Prefix of every derivation label.</summary>
        public const string LabelPrefix = "sealcabinet/v1/key/";

        /// <summary>MAC of SignedEvent, SignedEvidenceChunk and FetchGrantsRequest (device to cloud).</summary>
        public const string Event = "event";

        /// <summary>MAC of SignedGrant (cloud to device).</summary>
        public const string Grant = "grant";

        /// <summary>MAC of SignedServerTime (cloud to device).</summary>
        public const string Time = "time";

        /// <summary>Evidence MAC of a whole photo.</summary>
        public const string Evidence = "evidence";

        /// <summary>MAC of SignedRoster and the card digests inside it (cloud to device).</summary>
        public const string Roster = "roster";

        /// <summary>MAC of SignedWithdrawal (cloud to device).</summary>
        public const string Withdrawal = "withdrawal";

        /// <summary>MQTT password (lowercase hex of the key).</summary>
        public const string Mqtt = "mqtt";
    }
}
