namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>The firmware's overall state.</summary>
    public enum FirmwareState
    {
        /// <summary>Created, <see cref="CabinetFirmware.Boot"/> not called yet.</summary>
        NotStarted = 0,

        /// <summary>Provisioned and running.</summary>
        Running = 1,

        /// <summary>
        /// The provisioning file is missing, corrupt, partial or of the wrong version: every sleeve stays
        /// locked, nothing is sent, the status LED blinks; see <see cref="CabinetFirmware.ConfigurationFault"/>.
        /// </summary>
        Fault = 2,
    }
}
