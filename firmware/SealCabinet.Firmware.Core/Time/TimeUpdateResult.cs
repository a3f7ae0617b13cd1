namespace SealCabinet.Firmware.Core.Time
{
    /// <summary>Why a server time was or was not taken as trusted time.</summary>
    public enum TimeUpdateResult
    {
        /// <summary>Verified and taken.</summary>
        Accepted = 0,

        /// <summary>The response carried no server time.</summary>
        Missing = 1,

        /// <summary>The MAC did not verify under the time key.</summary>
        BadMac = 2,

        /// <summary>The ServerTime bytes could not be decoded.</summary>
        Malformed = 3,

        /// <summary>The time is for another device.</summary>
        WrongDevice = 4,

        /// <summary>The nonce is not the one just sent (an old or foreign answer).</summary>
        WrongNonce = 5,
    }
}
