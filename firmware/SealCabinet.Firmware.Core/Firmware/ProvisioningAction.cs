namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>What a boot does with the provisioning file it finds (see <see cref="ProvisioningGate"/>).</summary>
    public enum ProvisioningAction
    {
        /// <summary>No usable provisioning file: fault state ("not provisioned"), nothing configured.</summary>
        NotProvisioned = 0,

        /// <summary>The file is the one already applied: run as before.</summary>
        Continue = 1,

        /// <summary>First provisioning of this flash (or after a factory reset): apply the file.</summary>
        ApplyFirst = 2,

        /// <summary>A new file with the same device id and secret (other settings): apply it, keep the journal and the chain.</summary>
        ApplySameIdentity = 3,

        /// <summary>A file with another device id or secret, and nothing un-uploaded (or forced): wipe the old identity's data, then apply.</summary>
        ApplyNewIdentity = 4,

        /// <summary>A file with another identity while un-uploaded events remain and no force flag: keep running the applied file until they are uploaded.</summary>
        RefusedPendingEvents = 5,

        /// <summary>A factory-reset request that may proceed: wipe everything, then "not provisioned".</summary>
        FactoryReset = 6,

        /// <summary>
        /// The same device id with a new secret (a rotation), every event acknowledged: apply and keep the chain; the
        /// following events are signed with the new secret. Runs the self-test (a technician is at the cabinet).
        /// </summary>
        ApplyNewSecret = 8,

        /// <summary>A factory-reset request while un-uploaded events remain and no force: keep running until they are uploaded.</summary>
        FactoryResetRefused = 7,
    }
}
