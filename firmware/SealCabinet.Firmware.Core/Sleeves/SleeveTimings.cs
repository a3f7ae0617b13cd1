namespace SealCabinet.Firmware.Core.Sleeves
{
    /// <summary>The configurable windows of the sleeve state machine, in milliseconds.</summary>
    public sealed class SleeveTimings
    {
        /// <summary>How long the solenoid stays energised waiting for the seal to be lifted.</summary>
        public long UnlockWindowMs { get; set; } = 30000;

        /// <summary>How long the seal may stay out before the not-returned alarm.</summary>
        public long ReturnWindowMs { get; set; } = 300000;

        /// <summary>Longest plausible press; a press held longer is a sensor fault.</summary>
        public long MaxPressMs { get; set; } = 10000;
    }
}
