namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>Why the cabinet refused a grant. (proto enum sealcabinet.v1.GrantRefusalReason.)</summary>
    public enum GrantRefusalReason
    {
        /// <summary>No value set.</summary>
        Unspecified = 0,

        /// <summary>The grant MAC did not verify under this device's grant key.</summary>
        BadMac = 1,

        /// <summary>The grant names another device.</summary>
        WrongDevice = 2,

        /// <summary>The sleeve does not exist or holds another seal kind.</summary>
        WrongSleeve = 3,

        /// <summary>The grant expired against the device's trusted time.</summary>
        Expired = 4,

        /// <summary>not_before_ms lies in the future against the device's trusted time.</summary>
        NotYetValid = 5,

        /// <summary>The device has no trusted time yet (no MAC'd server time received since boot).</summary>
        NoTrustedTime = 6,

        /// <summary>The counter was already used.</summary>
        Replayed = 7,

        /// <summary>The counter is older than the anti-replay window.</summary>
        OutsideWindow = 8,

        /// <summary>The sleeve is busy with another grant or in an alarm state.</summary>
        SleeveBusy = 9,

        /// <summary>The bytes could not be decoded.</summary>
        Malformed = 10,

        /// <summary>The device is not provisioned or is in a fault state.</summary>
        NotProvisioned = 11,

        /// <summary>The journal has no room left to record a whole stamping; the sleeve stays locked until acks free space.</summary>
        JournalFull = 12,
    }
}
