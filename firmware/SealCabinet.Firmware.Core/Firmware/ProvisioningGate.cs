using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Storage;

namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>
    /// Decides at boot, without changing anything, what to do with the provisioning file and a factory-reset
    /// request on the flash. The firmware keeps a copy of the last applied file (slot "applied") so that a new
    /// file can be compared with it:
    /// <list type="bullet">
    /// <item>an unusable file (missing, truncated, corrupt, tampered, wrong version, bad field): not provisioned;
    /// nothing is wiped, so re-deploying a good file resumes where the cabinet stood;</item>
    /// <item>the applied file again: continue; the same identity with other settings: apply, keep the chain;</item>
    /// <item>a new secret for the same device id with everything acknowledged: apply, keep the chain;</item>
    /// <item>another device id or secret: apply only when every event of the old identity has been acknowledged
    /// by the cloud or the file carries force_wipe; otherwise keep running the old file until they are;</item>
    /// <item>a reset request ("factory.rst", content "force" to force): the same rule, then wipe everything.</item>
    /// </list>
    /// The board layer calls it too (before <see cref="CabinetFirmware.Boot"/>) to learn which Wi-Fi, broker and
    /// CA certificate the firmware is going to run with.
    /// </summary>
    public static class ProvisioningGate
    {
        /// <summary>Slot file holding a copy of the last applied provisioning file.</summary>
        public const string AppliedSlot = "applied";

        /// <summary>File whose presence asks for a factory reset (deployed over USB or written by the firmware).</summary>
        public const string ResetRequestFile = "factory.rst";

        /// <summary>Content of <see cref="ResetRequestFile"/> that forces the reset despite un-uploaded events.</summary>
        public const string ForceWord = "force";

        /// <summary>Decides what the boot does.</summary>
        /// <param name="flash">The flash store.</param>
        /// <returns>The plan.</returns>
        public static ProvisioningPlan Resolve(IFlashStore flash)
        {
            ProvisioningPlan plan = new ProvisioningPlan();
            byte[]? appliedBytes = LoadSlot(flash, AppliedSlot);
            ProvisioningResult applied = ProvisioningFile.Decode(appliedBytes);
            DeviceConfiguration? old = applied.IsValid ? applied.Configuration : null;
            if (old != null)
            {
                plan.PreviousDeviceId = old.DeviceId;
                DeviceState? state = DeviceState.Deserialize(LoadSlot(flash, "device"));
                plan.PreviousChainEpoch = state == null ? old.ChainEpoch : state.ChainEpoch;
            }

            byte[]? resetRequest = Read(flash, ResetRequestFile);
            if (resetRequest != null)
            {
                plan.Action = ProvisioningAction.FactoryReset;
                plan.Forced = IsForce(resetRequest);
                if (old != null)
                {
                    plan.PendingEvents = CountPending(flash, old);
                    if (plan.PendingEvents > 0 && !plan.Forced)
                    {
                        plan.Action = ProvisioningAction.FactoryResetRefused;
                        plan.Configuration = old;
                        plan.Message = "factory reset refused: " + plan.PendingEvents.ToString() + " events not uploaded yet; it proceeds once they are, or deploy factory.rst containing \"force\"";
                    }
                }

                return plan;
            }

            byte[]? file = Read(flash, ProvisioningFile.FileName);
            ProvisioningResult candidate = ProvisioningFile.Decode(file);
            if (!candidate.IsValid)
            {
                plan.Action = ProvisioningAction.NotProvisioned;
                plan.Fault = candidate.Fault;
                plan.Message = candidate.Message;
                return plan;
            }

            DeviceConfiguration next = candidate.Configuration!;
            plan.Configuration = next;
            plan.FileToApply = file;
            if (old == null)
            {
                plan.Action = ProvisioningAction.ApplyFirst;
                return plan;
            }

            if (SameBytes(file!, appliedBytes!))
            {
                plan.Action = ProvisioningAction.Continue;
                plan.FileToApply = null;
                return plan;
            }

            if (next.DeviceId == old.DeviceId && ConstantTime.AreEqual(next.DeviceSecret, old.DeviceSecret))
            {
                plan.Action = ProvisioningAction.ApplySameIdentity;
                return plan;
            }

            plan.PendingEvents = CountPending(flash, old);
            plan.Forced = next.ForceWipe;
            if (plan.PendingEvents == 0 && !plan.Forced && next.DeviceId == old.DeviceId)
            {
                plan.Action = ProvisioningAction.ApplyNewSecret;
                return plan;
            }

            if (plan.PendingEvents == 0 || plan.Forced)
            {
                plan.Action = ProvisioningAction.ApplyNewIdentity;
                return plan;
            }

            plan.Action = ProvisioningAction.RefusedPendingEvents;
            plan.Configuration = old;
            plan.FileToApply = null;
            plan.Message = "provisioning file for " + next.DeviceId + " refused: " + plan.PendingEvents.ToString() + " events of " + old.DeviceId
                + " not uploaded yet; it applies once they are, or provision with force_wipe (sealctl provision --force-wipe)";
            return plan;
        }

        /// <summary>Events of an identity the cloud has not acknowledged yet (journal head minus acked seq).</summary>
        /// <param name="flash">The flash store.</param>
        /// <param name="configuration">The identity's configuration (journal sizing).</param>
        /// <returns>The count.</returns>
        public static ulong CountPending(IFlashStore flash, DeviceConfiguration configuration)
        {
            DeviceState? state = DeviceState.Deserialize(LoadSlot(flash, "device"));
            ulong acked = state == null ? 0 : state.AckedSeq;
            EventJournal journal = new EventJournal(flash, ProvisioningFile.JournalOptionsFor(configuration));
            journal.Recover();
            return journal.LastSeq > acked ? journal.LastSeq - acked : 0;
        }

        private static bool IsForce(byte[] request)
        {
            try
            {
                return Utf8.Decode(request, 0, request.Length).Trim() == ForceWord;
            }
            catch (ProtoDecodeException)
            {
                return false;
            }
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            return a.Length == b.Length && ConstantTime.AreEqual(a, b);
        }

        private static byte[]? LoadSlot(IFlashStore flash, string name)
        {
            try
            {
                return new SlotFile(flash, name).Load();
            }
            catch (FlashStoreException)
            {
                return null;
            }
        }

        private static byte[]? Read(IFlashStore flash, string name)
        {
            try
            {
                return flash.ReadAll(name);
            }
            catch (FlashStoreException)
            {
                return null;
            }
        }
    }
}
