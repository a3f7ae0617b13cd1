namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>The firmware core's version, reported in the BOOT event.</summary>
    public static class FirmwareVersion
    {
        /// <summary>Semantic version of the core.</summary>
        public const string Value = "1.0.0";
    }
}
