using SealCabinet.Firmware.Core.Configuration;

namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>The decision <see cref="ProvisioningGate.Resolve"/> takes at boot, before anything is changed.</summary>
    public sealed class ProvisioningPlan
    {
        /// <summary>The action.</summary>
        public ProvisioningAction Action { get; set; }

        /// <summary>The configuration the firmware runs with (null for NotProvisioned and FactoryReset).</summary>
        public DeviceConfiguration? Configuration { get; set; }

        /// <summary>The provisioning file to remember as applied (for the Apply actions).</summary>
        public byte[]? FileToApply { get; set; }

        /// <summary>Why the file was refused (NotProvisioned), None otherwise.</summary>
        public ConfigurationFault Fault { get; set; }

        /// <summary>What is wrong or what was decided, for the fault message and the CONFIG_FAULT event.</summary>
        public string Message { get; set; } = string.Empty;

        /// <summary>Events of the applied identity not yet acknowledged by the cloud.</summary>
        public ulong PendingEvents { get; set; }

        /// <summary>Whether the technician forced dropping those events.</summary>
        public bool Forced { get; set; }

        /// <summary>Device id of the identity being replaced or reset (empty when none).</summary>
        public string PreviousDeviceId { get; set; } = string.Empty;

        /// <summary>Chain epoch of the identity being replaced or reset (0 when none).</summary>
        public uint PreviousChainEpoch { get; set; }
    }
}
