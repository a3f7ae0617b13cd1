using SealCabinet.Firmware.Core.Authentication;
using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Evidence;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Storage;

namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>Provisioning, re-provisioning and factory reset (decisions by <see cref="ProvisioningGate"/>).</summary>
    public sealed partial class CabinetFirmware
    {
        private const string ConfigNoteSlot = "cfgnote";
        private string _blockedMessage = string.Empty;

        /// <summary>What the last boot decided about the provisioning file (null before <see cref="Boot"/>).</summary>
        public ProvisioningPlan? Provisioning { get; private set; }

        /// <summary>
        /// True while a new identity or a factory reset waits for the old identity's events to be uploaded (the
        /// cabinet keeps running its applied file; the status LED shows 1.5 s on, 0.5 s off).
        /// </summary>
        public bool IsBlocked
        {
            get { return _blockedMessage.Length > 0; }
        }

        /// <summary>Why the cabinet is blocked (empty when not).</summary>
        public string BlockedMessage
        {
            get { return _blockedMessage; }
        }

        /// <summary>
        /// Asks for a factory reset (maintenance trigger; also possible by deploying "factory.rst" over USB) and
        /// boots again at once. Un-uploaded events are never dropped unless <paramref name="force"/> is set: without
        /// it the cabinet keeps running and resets once the cloud has acknowledged everything. When done, the
        /// cabinet is not provisioned, and the next identity's first events record FACTORY_RESET with the count.
        /// </summary>
        /// <param name="force">Drop un-uploaded events.</param>
        public void RequestFactoryReset(bool force)
        {
            byte[] request = Utf8.GetBytes(force ? ProvisioningGate.ForceWord : "reset");
            try
            {
                _flash.WriteAll(ProvisioningGate.ResetRequestFile, request, 0, request.Length);
            }
            catch (FlashStoreException)
            {
                UnrecordedEvents++;
                return;
            }

            Restart();
        }

        private static string FaultName(ConfigurationFault fault)
        {
            switch (fault)
            {
                case ConfigurationFault.Missing: return "missing";
                case ConfigurationFault.Truncated: return "truncated";
                case ConfigurationFault.BadMagic: return "bad magic";
                case ConfigurationFault.UnsupportedVersion: return "unsupported version";
                case ConfigurationFault.IntegrityCheckFailed: return "integrity check failed";
                case ConfigurationFault.Malformed: return "malformed";
                case ConfigurationFault.InvalidField: return "invalid field";
                default: return "none";
            }
        }

        private static uint FirstEpoch(DeviceConfiguration config, ResetNote? note)
        {
            // The same device id after a wipe continues with a later epoch than the one the cloud already holds.
            if (note != null && note.PreviousDeviceId == config.DeviceId && note.PreviousChainEpoch >= config.ChainEpoch)
            {
                return note.PreviousChainEpoch + 1;
            }

            return config.ChainEpoch;
        }

        /// <summary>Carries out the plan's changes to the flash; returns the self-test trigger ("" for none).</summary>
        private string ApplyPlan(ProvisioningPlan plan, DeviceConfiguration config)
        {
            string firstBoot = config.SkipFirstBootSelfTest ? (config.RunSelfTest ? "provisioning" : string.Empty) : "first-boot";
            switch (plan.Action)
            {
                case ProvisioningAction.ApplyFirst:
                    SaveSlot(ProvisioningGate.AppliedSlot, plan.FileToApply!);
                    return firstBoot;
                case ProvisioningAction.ApplyNewSecret:
                    SaveSlot(ProvisioningGate.AppliedSlot, plan.FileToApply!);
                    return "provisioning";
                case ProvisioningAction.ApplySameIdentity:
                    SaveSlot(ProvisioningGate.AppliedSlot, plan.FileToApply!);
                    return config.RunSelfTest ? "provisioning" : string.Empty;
                case ProvisioningAction.ApplyNewIdentity:
                    // The note goes first: a power cut in the middle repeats the wipe and still reports the count.
                    SaveResetNote(plan, "re-provisioned from " + plan.PreviousDeviceId);
                    WipeIdentityData(ProvisioningFile.JournalOptionsFor(config));
                    SaveSlot(ProvisioningGate.AppliedSlot, plan.FileToApply!);
                    return firstBoot;
                case ProvisioningAction.RefusedPendingEvents:
                case ProvisioningAction.FactoryResetRefused:
                    _blockedMessage = plan.Message;
                    return string.Empty;
                default:
                    return string.Empty;
            }
        }

        private void ExecuteFactoryReset(ProvisioningPlan plan)
        {
            if (plan.PreviousDeviceId.Length > 0)
            {
                SaveResetNote(plan, "factory reset");
            }

            WipeIdentityData(new JournalOptions());
            DeleteSlot(ProvisioningGate.AppliedSlot);
            DeleteSlot(ConfigNoteSlot);
            DeleteFile(ProvisioningFile.FileName);

            // Last: a power cut before this point repeats the whole reset at the next boot.
            DeleteFile(ProvisioningGate.ResetRequestFile);
        }

        private void SaveResetNote(ProvisioningPlan plan, string cause)
        {
            ResetNote note = new ResetNote();
            note.DroppedEvents = plan.PendingEvents;
            note.Forced = plan.Forced;
            note.PreviousDeviceId = plan.PreviousDeviceId;
            note.PreviousChainEpoch = plan.PreviousChainEpoch;
            note.Cause = cause;
            ResetNote? existing = ResetNote.Deserialize(LoadSlot(ResetNote.SlotName));
            if (existing != null)
            {
                // A repeated wipe (power cut, or a reset followed by a re-provisioning) keeps the first count and identity.
                note.DroppedEvents = existing.DroppedEvents > note.DroppedEvents ? existing.DroppedEvents : note.DroppedEvents;
                note.Forced = note.Forced || existing.Forced;
                if (existing.PreviousDeviceId.Length > 0)
                {
                    note.PreviousDeviceId = existing.PreviousDeviceId;
                    note.PreviousChainEpoch = existing.PreviousChainEpoch;
                    note.Cause = existing.Cause;
                }
            }

            SaveSlot(ResetNote.SlotName, note.Serialize());
        }

        private void WipeIdentityData(JournalOptions options)
        {
            new EventJournal(_flash, options).Wipe();
            DeleteSlot("device");
            DeleteSlot("grants");
            DeleteSlot("sleeves");
            DeleteSlot(CustodianRosterStore.SlotName);
            DeleteSlot(AuthenticationDesk.SlotName);
            EvidenceStore evidence = new EvidenceStore(_flash, int.MaxValue);
            string[] photos = evidence.PendingIds();
            for (int i = 0; i < photos.Length; i++)
            {
                evidence.Delete(photos[i]);
            }
        }

        /// <summary>Records what a wipe left behind: CHAIN_RESTART first when a new chain starts above epoch 1, then FACTORY_RESET.</summary>
        private void RecordWipe(ResetNote? note, bool freshChain)
        {
            if (freshChain && ChainEpoch > 1)
            {
                DeviceEvent restart = new DeviceEvent();
                restart.Type = EventType.ChainRestart;
                restart.Detail = "new chain at epoch " + ChainEpoch.ToString() + (note == null ? " (provisioned)" : " after " + note.Cause);
                Raise(restart);
            }

            if (note == null)
            {
                return;
            }

            DeviceEvent reset = new DeviceEvent();
            reset.Type = EventType.FactoryReset;
            reset.Detail = note.Cause + ": " + note.DroppedEvents.ToString() + " un-uploaded events dropped" + (note.Forced ? " (forced)" : string.Empty)
                + "; previous device " + note.PreviousDeviceId + " epoch " + note.PreviousChainEpoch.ToString();
            Raise(reset);
            DeleteSlot(ResetNote.SlotName);
        }

        /// <summary>CONFIG_FAULT for a file refused while the cabinet could not talk, and for a refusal in force now.</summary>
        private void RecordConfigNotes(ProvisioningPlan plan)
        {
            byte[]? note = LoadSlot(ConfigNoteSlot);
            if (note != null)
            {
                DeviceEvent earlier = new DeviceEvent();
                earlier.Type = EventType.ConfigFault;
                try
                {
                    earlier.Detail = "earlier " + Utf8.Decode(note, 0, note.Length);
                }
                catch (ProtoDecodeException)
                {
                    earlier.Detail = "earlier provisioning file refused";
                }

                Raise(earlier);
                DeleteSlot(ConfigNoteSlot);
            }

            if (_blockedMessage.Length > 0)
            {
                DeviceEvent refused = new DeviceEvent();
                refused.Type = EventType.ConfigFault;
                refused.Detail = plan.Message;
                Raise(refused);
            }
        }

        private void SaveConfigNote(string text)
        {
            byte[] bytes = Utf8.GetBytes(text.Length > 180 ? text.Substring(0, 180) : text);
            byte[]? existing = LoadSlot(ConfigNoteSlot);
            if (existing != null && existing.Length == bytes.Length && SealCabinet.Firmware.Core.Crypto.ConstantTime.AreEqual(existing, bytes))
            {
                return;
            }

            SaveSlot(ConfigNoteSlot, bytes);
        }

        /// <summary>Boots again in place (after a reset request, or once a blocked change may proceed).</summary>
        private void Restart()
        {
            IMqttChannel mqtt = _board.Mqtt!;
            if (mqtt.IsConnected)
            {
                mqtt.Disconnect();
            }

            lock (_inboxLock)
            {
                _edgeInbox.Clear();
                _authInbox.Clear();
                _rosterInbox.Clear();
                _mqttLost = false;
            }

            _grants.Close();

            StopSelfTest();
            SetOutput(_board.Buzzer, false);
            _buzzerUntil = -1;
            _config = null;
            _keys = null;
            _journal = null;
            _recorder = null;
            _time = null;
            _evidence = null;
            _uplink = null;
            _roster = null;
            _desk = null;
            _blockedMessage = string.Empty;
            _nextMqttAttemptAt = 0;
            State = FirmwareState.NotStarted;
            ConfigurationFault = ConfigurationFault.None;
            FaultMessage = string.Empty;
            Boot();
        }

        private byte[]? LoadSlot(string name)
        {
            try
            {
                return new SlotFile(_flash, name).Load();
            }
            catch (FlashStoreException)
            {
                return null;
            }
        }

        private void SaveSlot(string name, byte[] payload)
        {
            try
            {
                SlotFile slot = new SlotFile(_flash, name);
                slot.Load();
                slot.Save(payload);
            }
            catch (FlashStoreException)
            {
                UnrecordedEvents++;
            }
        }

        private void DeleteSlot(string name)
        {
            DeleteFile(name + ".a");
            DeleteFile(name + ".b");
        }

        private void DeleteFile(string name)
        {
            try
            {
                _flash.Delete(name);
            }
            catch (FlashStoreException)
            {
                UnrecordedEvents++;
            }
        }
    }
}
