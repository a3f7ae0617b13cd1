namespace SealCabinet.Firmware.Core.Configuration
{
    /// <summary>Why the provisioning file could not be used (the device then stays locked in a fault state).</summary>
    public enum ConfigurationFault
    {
        /// <summary>The file is valid.</summary>
        None = 0,

        /// <summary>No provisioning file on the flash store.</summary>
        Missing = 1,

        /// <summary>The file is shorter than its header or its declared length (a partial write).</summary>
        Truncated = 2,

        /// <summary>The file does not start with the "SCPF" magic.</summary>
        BadMagic = 3,

        /// <summary>The file has a format version this firmware does not read.</summary>
        UnsupportedVersion = 4,

        /// <summary>The SHA-256 over the file does not match (corrupted).</summary>
        IntegrityCheckFailed = 5,

        /// <summary>The payload is not a well-formed field list.</summary>
        Malformed = 6,

        /// <summary>A field is missing or out of range; the message names it.</summary>
        InvalidField = 7,
    }
}
