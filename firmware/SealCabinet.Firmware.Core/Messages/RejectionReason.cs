namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>Why (part of) a batch was not stored. (proto enum sealcabinet.v1.RejectionReason.)</summary>
    public enum RejectionReason
    {
        /// <summary>No value set.</summary>
        Unspecified = 0,

        /// <summary>An event MAC did not verify.</summary>
        BadMac = 1,

        /// <summary>seq does not continue the stored chain (gap); the device should resend from acked_seq + 1.</summary>
        SequenceGap = 2,

        /// <summary>prev_hash does not match the stored previous event.</summary>
        ChainBroken = 3,

        /// <summary>A stored seq arrived again with different bytes.</summary>
        ConflictingEvent = 4,

        /// <summary>The event bytes could not be decoded or fail validation.</summary>
        Malformed = 5,

        /// <summary>The event's device_id or chain_epoch is not the one the batch belongs to.</summary>
        WrongDevice = 6,
    }
}
