using System.Collections;
using SealCabinet.Firmware.Core.Authentication;
using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Events;
using SealCabinet.Firmware.Core.Evidence;
using SealCabinet.Firmware.Core.Grants;
using SealCabinet.Firmware.Core.GrpcWeb;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Core.Storage;
using SealCabinet.Firmware.Core.Time;
using SealCabinet.Firmware.Core.Uplink;

namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>
    /// The cabinet's brain: wires the seams of a <see cref="CabinetBoard"/> to configuration, journal, signer,
    /// trusted time, grant verification, the three sleeve state machines, evidence and the uplink.
    /// It runs on one thread: <see cref="Boot"/> once, then <see cref="Tick"/> again and again (the ESP32 calls
    /// <see cref="Run"/>, tests and the simulator step it with a fake clock). Board callbacks (input edges,
    /// MQTT messages, connection loss) only queue work under a lock; all of it is handled inside Tick, in order.
    /// </summary>
    public sealed partial class CabinetFirmware : ISleeveHost, IUplinkHost, IEventRecorderHost, IAuthenticationHost
    {
        /// <summary>Most PIN pad keys, cards and rosters waiting for the next tick; more are dropped.</summary>
        public const int MaxQueuedInputs = 32;

        /// <summary>Longest time the buzzer sounds after an alarm.</summary>
        public const long BuzzerMs = 2000;

        private const int InputTamper = 6;
        private const int FirstStampButton = 7;
        private const int ToneMs = 150;

        // The saved server time only bounds the real-time clock from below: saving it at most this often spares the flash.
        private const long ServerTimeSaveIntervalMs = 600000;

        private readonly CabinetBoard _board;
        private readonly IMonotonicClock _clock;
        private readonly IFlashStore _flash;
        private readonly IMacProvider _mac;
        private readonly IRandomSource _random;
        private readonly object _inboxLock = new object();
        private readonly ArrayList _edgeInbox = new ArrayList();
        private readonly ArrayList _authInbox = new ArrayList();
        private readonly ArrayList _rosterInbox = new ArrayList();
        private readonly Debouncer[] _debouncers = new Debouncer[10];
        private readonly IDigitalInput[] _inputs = new IDigitalInput[10];
        private readonly SleeveController[] _sleeves = new SleeveController[CabinetBoard.SleeveCount];
        private readonly StatusLed _statusLed;
        private readonly GrantIntake _grants;
        private bool _mqttLost;

        private DeviceConfiguration? _config;
        private DeviceKeys? _keys;
        private DeviceState _deviceState = new DeviceState();
        private SlotFile? _deviceStateFile;
        private SlotFile? _sleeveStateFile;
        private EventJournal? _journal;
        private EventRecorder? _recorder;
        private TrustedClock? _time;
        private EvidenceStore? _evidence;
        private UplinkService? _uplink;
        private CustodianRosterStore? _roster;
        private AuthenticationDesk? _desk;
        private Backoff? _mqttBackoff;
        private long _nextMqttAttemptAt;
        private long _nextHeartbeatAt;
        private long _buzzerUntil = -1;
        private long _toneUntil = -1;
        private long _clockSetFrom;
        private int _evidenceCounter;
        private string _evidencePrefix = string.Empty;
        private string _grantsTopic = string.Empty;
        private string _statusTopic = string.Empty;
        private string _rosterTopic = string.Empty;
        private string _withdrawalsTopic = string.Empty;

        /// <summary>Creates the firmware on a board; nothing runs until <see cref="Boot"/>.</summary>
        /// <param name="board">The seams.</param>
        /// <exception cref="System.ArgumentException">A required seam is missing (the message names it).</exception>
        public CabinetFirmware(CabinetBoard board)
        {
            _board = board;
            _clock = board.Clock ?? throw Missing("Clock");
            _flash = board.Flash ?? throw Missing("Flash");
            _mac = board.Mac ?? throw Missing("Mac");
            _random = board.Random ?? throw Missing("Random");
            if (board.Http == null)
            {
                throw Missing("Http");
            }

            if (board.Mqtt == null)
            {
                throw Missing("Mqtt");
            }

            for (int i = 0; i < CabinetBoard.SleeveCount; i++)
            {
                if (board.Solenoids == null || board.Solenoids.Length != CabinetBoard.SleeveCount || board.Solenoids[i] == null)
                {
                    throw Missing("Solenoids[" + i.ToString() + "]");
                }

                if (board.PressSensors == null || board.PressSensors.Length != CabinetBoard.SleeveCount || board.PressSensors[i] == null)
                {
                    throw Missing("PressSensors[" + i.ToString() + "]");
                }

                if (board.SeatSensors == null || board.SeatSensors.Length != CabinetBoard.SleeveCount || board.SeatSensors[i] == null)
                {
                    throw Missing("SeatSensors[" + i.ToString() + "]");
                }

                if (board.StampButtons == null || board.StampButtons.Length != CabinetBoard.SleeveCount || board.StampButtons[i] == null)
                {
                    throw Missing("StampButtons[" + i.ToString() + "]");
                }

                _inputs[i] = board.PressSensors[i];
                _inputs[i + 3] = board.SeatSensors[i];
                _inputs[FirstStampButton + i] = board.StampButtons[i];
            }

            _inputs[InputTamper] = board.TamperSwitch ?? throw Missing("TamperSwitch");
            _statusLed = new StatusLed(board.StatusLed);
            _grants = new GrantIntake(_clock, _sleeves);
        }

        /// <summary>The overall state.</summary>
        public FirmwareState State { get; private set; }

        /// <summary>Why the configuration was refused (None when running).</summary>
        public ConfigurationFault ConfigurationFault { get; private set; }

        /// <summary>The configuration problem, naming the field.</summary>
        public string FaultMessage { get; private set; } = string.Empty;

        /// <summary>The provisioned device id (empty in fault state).</summary>
        public string DeviceId
        {
            get { return _config == null ? string.Empty : _config.DeviceId; }
        }

        /// <summary>The configuration in force (null in fault state).</summary>
        public DeviceConfiguration? Configuration
        {
            get { return _config; }
        }

        /// <summary>The event journal (null in fault state).</summary>
        public EventJournal? Journal
        {
            get { return _journal; }
        }

        /// <summary>The uplink (null in fault state).</summary>
        public UplinkService? Uplink
        {
            get { return _uplink; }
        }

        /// <summary>What recovery found at the last boot.</summary>
        public JournalRecoveryReport? Recovery { get; private set; }

        /// <summary>Boots since provisioning.</summary>
        public uint BootCount
        {
            get { return _deviceState.BootCount; }
        }

        /// <summary>The current chain epoch.</summary>
        public uint ChainEpoch
        {
            get { return _recorder == null ? 0 : _recorder.ChainEpoch; }
        }

        /// <summary>Whether a trusted server time was received since boot.</summary>
        public bool HasTrustedTime
        {
            get { return _time != null && _time.HasTrustedTime; }
        }

        /// <summary>Trusted Unix time in ms, 0 without it.</summary>
        public long TrustedNowMs
        {
            get { return _time == null ? 0 : _time.NowMs; }
        }

        /// <summary>Highest grant counter accepted (the anti-replay window's top).</summary>
        public ulong HighestGrantCounter
        {
            get { return _grants.HighestCounter; }
        }

        /// <summary>Seq of the newest event in the journal.</summary>
        public ulong LastSeq
        {
            get { return _recorder == null ? 0 : _recorder.LastSeq; }
        }

        /// <summary>Highest seq the cloud acknowledged in the current chain (0 in fault state).</summary>
        public ulong AckedSeq
        {
            get { return _recorder == null ? 0 : _recorder.AckedSeq; }
        }

        /// <summary>Ordinary events dropped because the journal had reached its reserve.</summary>
        public int DroppedOrdinaryEvents { get; private set; }

        /// <summary>Stamping events and alarms that could not be recorded at all (journal completely full or flash failing).</summary>
        public int UnrecordedEvents { get; private set; }

        /// <summary>What the status LED shows (<see cref="StatusLed.NameOf"/> names it).</summary>
        public StatusLedPattern LedPattern
        {
            get { return _statusLed.Pattern; }
        }

        /// <summary>The verdict on the last grant handled.</summary>
        public GrantVerification? LastGrantDecision
        {
            get { return _grants.LastDecision; }
        }

        /// <summary>The phase of sleeve 1..3.</summary>
        /// <param name="sleeve">Sleeve number.</param>
        /// <returns>The phase.</returns>
        public SleevePhase GetSleevePhase(int sleeve)
        {
            return _sleeves[sleeve - 1] == null ? SleevePhase.Locked : _sleeves[sleeve - 1].Phase;
        }

        /// <summary>The presses counted on sleeve 1..3 for its current grant.</summary>
        /// <param name="sleeve">Sleeve number.</param>
        /// <returns>The count.</returns>
        public uint GetPressCount(int sleeve)
        {
            return _sleeves[sleeve - 1] == null ? 0 : _sleeves[sleeve - 1].PressCount;
        }

        /// <summary>Whether the press sensor of sleeve 1..3 reads pressed after debouncing (a release is seen only once it has held).</summary>
        /// <param name="sleeve">Sleeve number.</param>
        /// <returns>The debounced level.</returns>
        public bool IsPressed(int sleeve)
        {
            return _debouncers[sleeve - 1] != null && _debouncers[sleeve - 1].Stable;
        }

        /// <summary>Whether the firmware's debounced level of sleeve <paramref name="sleeve"/>'s stamp button is pushed.</summary>
        /// <param name="sleeve">Sleeve number 1..3.</param>
        /// <returns>True while it is held down.</returns>
        public bool IsStampButtonPushed(int sleeve)
        {
            Debouncer button = _debouncers[FirstStampButton + sleeve - 1];
            return button != null && button.Stable;
        }

        /// <summary>
        /// Starts the firmware: reads the provisioning file (fault state if unusable), recovers the journal
        /// and the chain head, restores the anti-replay window and the sleeves (completing a cycle a power cut
        /// interrupted), records BOOT and registers the board callbacks.
        /// </summary>
        public void Boot()
        {
            long now = _clock.UptimeMs;
            for (int i = 0; i < CabinetBoard.SleeveCount; i++)
            {
                _board.Solenoids[i].Write(false);
            }

            ProvisioningPlan plan = ProvisioningGate.Resolve(_flash);
            Provisioning = plan;
            if (plan.Action == ProvisioningAction.NotProvisioned)
            {
                if (plan.Fault != ConfigurationFault.Missing)
                {
                    SaveConfigNote("provisioning file refused (" + FaultName(plan.Fault) + "): " + plan.Message);
                }

                EnterFault(plan.Fault, plan.Message);
                return;
            }

            if (plan.Action == ProvisioningAction.FactoryReset)
            {
                ExecuteFactoryReset(plan);
                EnterFault(ConfigurationFault.Missing, "factory reset done: not provisioned");
                return;
            }

            DeviceConfiguration config = plan.Configuration!;
            string selfTestTrigger = ApplyPlan(plan, config);
            _config = config;
            _keys = DeviceKeys.Derive(config.DeviceSecret, _mac);
            _grantsTopic = "sealcabinet/v1/devices/" + config.DeviceId + "/grants";
            _statusTopic = "sealcabinet/v1/devices/" + config.DeviceId + "/status";
            _rosterTopic = "sealcabinet/v1/devices/" + config.DeviceId + "/roster";
            _withdrawalsTopic = "sealcabinet/v1/devices/" + config.DeviceId + "/withdrawals";

            _deviceStateFile = new SlotFile(_flash, "device");
            DeviceState? saved = DeviceState.Deserialize(_deviceStateFile.Load());
            _deviceState = saved ?? new DeviceState();
            ResetNote? resetNote = ResetNote.Deserialize(LoadSlot(ResetNote.SlotName));
            bool freshChain = saved == null;
            if (saved == null)
            {
                _deviceState.ChainEpoch = FirstEpoch(config, resetNote);
            }

            _deviceState.BootCount++;
            SaveDeviceState();

            // Photo ids must never repeat, not even after a factory reset or re-provisioning sets the boot count back:
            // a repeated id would block the upload queue or make the cloud's answer delete a photo not yet uploaded.
            byte[] nonce = new byte[4];
            _random.NextBytes(nonce);
            _evidencePrefix = "e" + _deviceState.BootCount.ToString() + "-" + Hex.ToLowerHex(nonce) + "-";

            _journal = new EventJournal(_flash, ProvisioningFile.JournalOptionsFor(config));
            Recovery = _journal.Recover();
            _time = new TrustedClock(config.DeviceId, _keys.TimeKey, _mac, _clock);
            string clockFault = SeedTimeFromRealTimeClock();
            _recorder = new EventRecorder(config.DeviceId, _keys.EventKey, _mac, _clock, _time, _journal, _deviceState, this);
            string chainNote = _recorder.RecoverChainHead();

            SlotFile grantStateFile = new SlotFile(_flash, "grants");
            AntiReplayWindow window = AntiReplayWindow.Deserialize(grantStateFile.Load());
            string windowLoss = grantStateFile.Damaged ? RebuildWindow(window, grantStateFile) : string.Empty;
            _grants.Open(new GrantVerifier(config.DeviceId, _keys.GrantKey, _mac, config.SleeveSealKinds, _time, window), window, grantStateFile, _journal, _recorder, config.DeviceId, _keys.WithdrawalKey, _mac);
            _roster = new CustodianRosterStore(_flash, config.DeviceId, _keys.RosterKey, _mac);
            _desk = new AuthenticationDesk(_roster, _mac, _flash, this, now);
            _evidence = new EvidenceStore(_flash, (int)config.EvidenceStoreBytes);

            UplinkSettings settings = new UplinkSettings();
            settings.BatchEvents = (int)config.UploadBatchEvents;
            settings.ChunkBytes = (int)config.EvidenceChunkBytes;
            settings.PollConnectedMs = config.GrantPollConnectedMs;
            settings.PollDisconnectedMs = config.GrantPollDisconnectedMs;
            _uplink = new UplinkService(new GrpcWebClient(_board.Http!, config.GatewayUrl), _journal, _evidence, _time, this, config.DeviceId, _keys, _mac, _random, settings);
            _mqttBackoff = new Backoff(1000, 300000, _random);

            State = FirmwareState.Running;
            RecordWipe(resetNote, freshChain && LastSeq == 0);
            DeviceEvent boot = new DeviceEvent();
            boot.Type = EventType.Boot;
            boot.Detail = "firmware " + FirmwareVersion.Value + "; reset " + (_board.SystemStatus == null ? "unknown" : _board.SystemStatus.ResetCause)
                + "; journal " + Recovery.Records.ToString() + " records, " + Recovery.TornSegments.ToString() + " torn" + chainNote
                + (_roster.Version == 0 ? "; no custodian roster yet: no stamp button opens anything" : "; roster version " + _roster.Version.ToString())
                + "; authentication by " + (_board.Keypad == null ? string.Empty : "PIN pad") + (_board.Keypad != null && _board.CardReader != null ? " and " : string.Empty)
                + (_board.CardReader == null ? (_board.Keypad == null ? "nothing (no PIN pad, no card reader)" : string.Empty) : "card reader")
                + (config.EvidenceCapture ? string.Empty : "; photos off (provisioned with --no-evidence)");
            boot.FreeHeapBytes = FreeHeap();
            Raise(boot);
            RecordConfigNotes(plan);
            RecordBootFault(windowLoss);
            RecordBootFault(clockFault);

            SleeveTimings timings = new SleeveTimings();
            timings.UnlockWindowMs = config.UnlockWindowMs;
            timings.ReturnWindowMs = config.ReturnWindowMs;
            timings.MaxPressMs = config.MaxPressMs;
            _sleeveStateFile = new SlotFile(_flash, "sleeves");
            SleeveState?[] savedSleeves = LoadSleeveStates();
            for (int i = 0; i < CabinetBoard.SleeveCount; i++)
            {
                _sleeves[i] = new SleeveController((uint)(i + 1), config.SleeveSealKinds[i], _board.Solenoids[i], timings, this);
            }

            for (int i = 0; i < _inputs.Length; i++)
            {
                _debouncers[i] = new Debouncer(_inputs[i].Read(), config.PressDebounceMs, now);
            }

            for (int i = 0; i < CabinetBoard.SleeveCount; i++)
            {
                _sleeves[i].Restore(savedSleeves[i], _debouncers[i + 3].Stable, _debouncers[i].Stable, now);
            }

            if (_debouncers[InputTamper].Stable)
            {
                RaiseTamper("enclosure open at boot");
            }

            for (int i = 0; i < CabinetBoard.SleeveCount; i++)
            {
                if (_debouncers[i + 3].Stable)
                {
                    CheckSealIdentity(i + 1, "at boot");
                }
            }

            for (int i = 0; i < _inputs.Length; i++)
            {
                _inputs[i].SetChangedHandler(OnInputChanged);
            }

            if (_board.Keypad != null)
            {
                _board.Keypad.SetKeyHandler(OnKeyPressed);
            }

            if (_board.CardReader != null)
            {
                _board.CardReader.SetCardHandler(OnCardPresented);
            }

            _board.Mqtt!.SetHandlers(OnMqttMessage, OnMqttConnectionLost);
            _nextHeartbeatAt = now + config.HeartbeatIntervalMs;
            _statusLed.Show(CurrentLedPattern(), now);
            if (selfTestTrigger.Length > 0)
            {
                RequestSelfTest(selfTestTrigger);
            }
        }

        /// <summary>
        /// One pass of the main loop: input edges, sleeve timers, received grants, MQTT connection, at most one
        /// gateway call, heartbeat, buzzer, status LED. Never blocks except inside a network call of the board's transport.
        /// </summary>
        public void Tick()
        {
            long now = _clock.UptimeMs;
            if (State != FirmwareState.Running)
            {
                // Fault: every sleeve stays locked and the LED says "not provisioned".
                _statusLed.Show(StatusLedPattern.NotProvisioned, now);
                return;
            }

            HandleInputs(now);
            HandleRosters();
            HandleAuthentication(now);
            for (int i = 0; i < _sleeves.Length; i++)
            {
                _sleeves[i].Tick(now);
            }

            StepSelfTest(now);
            if (_selfTestPulseUntil < 0)
            {
                // While the self-test pulses a solenoid, grants wait in the queue: no grant starts on a sleeve under test.
                _grants.HandleQueued();
            }

            MaintainMqtt(now);
            _uplink!.Tick(now, _board.Mqtt!.IsConnected);
            KeepRealTimeClock();
            if (now >= _nextHeartbeatAt)
            {
                _nextHeartbeatAt = now + _config!.HeartbeatIntervalMs;
                DeviceEvent heartbeat = new DeviceEvent();
                heartbeat.Type = EventType.Heartbeat;
                heartbeat.FreeHeapBytes = FreeHeap();
                heartbeat.Detail = "journal " + _journal!.UsedBytes.ToString() + "/" + _journal.CapacityBytes.ToString() + " bytes, unacked " + _uplink.PendingEvents.ToString() + ", dropped " + DroppedOrdinaryEvents.ToString() + ", unrecorded " + UnrecordedEvents.ToString();
                Raise(heartbeat);
            }

            if (_buzzerUntil >= 0 && now >= _buzzerUntil)
            {
                _buzzerUntil = -1;
                SetOutput(_board.Buzzer, _toneUntil >= 0);
            }

            if (_toneUntil >= 0 && now >= _toneUntil)
            {
                _toneUntil = -1;
                SetOutput(_board.Buzzer, _buzzerUntil >= 0);
            }

            if (IsBlocked && _uplink.PendingEvents == 0 && _selfTestSleeve == 0)
            {
                // A refused re-provisioning or reset proceeds once everything is uploaded (Boot sets the LED).
                Restart();
                return;
            }

            _statusLed.Show(CurrentLedPattern(), _clock.UptimeMs);
        }

        /// <summary>Runs the firmware forever on the calling thread (the ESP32's main loop).</summary>
        /// <param name="tickIntervalMs">Pause between ticks.</param>
        public void Run(int tickIntervalMs)
        {
            Boot();
            while (true)
            {
                Tick();
                System.Threading.Thread.Sleep(tickIntervalMs);
            }
        }

        /// <summary>The person authenticated at the cabinet now ("" when nobody, or in fault state).</summary>
        public string AuthenticatedPerson
        {
            get { return _desk == null ? string.Empty : _desk.AuthenticatedPerson(_clock.UptimeMs); }
        }

        /// <summary>Whether the PIN pad and card reader refuse everyone now (too many wrong attempts).</summary>
        public bool IsAuthenticationLockedOut
        {
            get { return _desk != null && _desk.IsLockedOut(_clock.UptimeMs); }
        }

        /// <summary>Version of the custodian roster in force (0: none).</summary>
        public ulong RosterVersion
        {
            get { return _roster == null ? 0 : _roster.Version; }
        }

        /// <summary>Hands over a SignedGrant received by another path (e.g. the simulator's console); handled in the next tick.</summary>
        /// <param name="signedGrant">The encoded SignedGrant.</param>
        public void SubmitGrant(byte[] signedGrant)
        {
            _grants.Enqueue(signedGrant);
        }

        /// <summary>
        /// Technician-authorised wipe: deletes the journal, starts the next chain epoch at seq 1 and records
        /// CHAIN_RESTART (the cloud accepts it only after Devices.AuthorizeChainRestart).
        /// </summary>
        /// <param name="reason">Why, recorded in the event detail.</param>
        public void RestartChain(string reason)
        {
            if (State != FirmwareState.Running)
            {
                return;
            }

            _recorder!.RestartChain(reason);
        }

        /// <inheritdoc />
        public void Raise(DeviceEvent deviceEvent)
        {
            if (_recorder != null)
            {
                _recorder.Raise(deviceEvent);
            }
        }

        /// <inheritdoc />
        public bool SaveSleeves()
        {
            ProtoWriter writer = new ProtoWriter(64);
            for (int i = 0; i < _sleeves.Length; i++)
            {
                _sleeves[i].State.WriteTo(writer);
            }

            try
            {
                _sleeveStateFile!.Save(writer.ToArray());
                return true;
            }
            catch (FlashStoreException)
            {
                UnrecordedEvents++;
                return false;
            }
        }

        /// <summary>
        /// Both copies of the anti-replay window are unreadable: an empty window would take every grant the cloud
        /// ever sent again, so every counter up to the highest one the journal shows is treated as used.
        /// </summary>
        private string RebuildWindow(AntiReplayWindow window, SlotFile file)
        {
            ulong highest = 0;
            ArrayList payloads = new ArrayList();
            ulong next = _journal!.FirstSeq;
            while (next > 0 && next <= _journal.LastSeq)
            {
                payloads.Clear();
                if (_journal.Read(next, 32, 16 * 1024, payloads) == 0)
                {
                    break;
                }

                ulong from = next;
                for (int i = 0; i < payloads.Count; i++)
                {
                    DeviceEvent e = DeviceEvent.Parse(SignedEvent.Parse((byte[])payloads[i]!).Event);
                    if (e.GrantCounter > highest)
                    {
                        highest = e.GrantCounter;
                    }

                    next = e.Seq + 1;
                }

                if (next <= from)
                {
                    break;
                }
            }

            window.SealUpTo(highest);
            try
            {
                file.Save(window.Serialize());
            }
            catch (FlashStoreException)
            {
                UnrecordedEvents++;
            }

            return "anti-replay state unreadable at boot: every grant counter up to " + highest.ToString() + " (the journal's highest) is taken as used";
        }

        /// <summary>
        /// Trusted time right after a power cut: the battery-backed clock, unless it reads earlier than the last server
        /// time saved (a flat battery, or someone winding it back to revive expired grants).
        /// </summary>
        /// <returns>"" or the fault to record after BOOT.</returns>
        private string SeedTimeFromRealTimeClock()
        {
            IRealTimeClock? rtc = _board.RealTimeClock;
            if (rtc == null)
            {
                return string.Empty;
            }

            long unixMs;
            if (!rtc.TryRead(out unixMs))
            {
                return "real-time clock unreadable at boot: no trusted time until the cloud answers";
            }

            if (unixMs < _deviceState.LastServerTimeMs)
            {
                return "real-time clock at " + unixMs.ToString() + " is earlier than the last server time " + _deviceState.LastServerTimeMs.ToString()
                    + ": not trusted until the cloud answers";
            }

            _time!.SeedFromRealTimeClock(unixMs);
            return string.Empty;
        }

        /// <summary>After each new server answer: sets the real-time clock, and now and then saves the server time.</summary>
        private void KeepRealTimeClock()
        {
            long server = _time!.LastServerTimeMs;
            if (server == 0 || server == _clockSetFrom)
            {
                return;
            }

            _clockSetFrom = server;
            if (_board.RealTimeClock != null)
            {
                _board.RealTimeClock.Write(_time.NowMs);
            }

            if (server - _deviceState.LastServerTimeMs >= ServerTimeSaveIntervalMs)
            {
                _deviceState.LastServerTimeMs = server;
                SaveDeviceState();
            }
        }

        private void RecordBootFault(string detail)
        {
            if (detail.Length == 0)
            {
                return;
            }

            DeviceEvent fault = new DeviceEvent();
            fault.Type = EventType.SensorFault;
            fault.Detail = detail;
            _recorder!.Record(fault, EventPriority.Alarm);
        }

        /// <inheritdoc />
        public long TrustedTimeMs()
        {
            return _time != null && _time.HasTrustedTime ? _time.NowMs : -1;
        }

        /// <inheritdoc />
        public bool CanRecordStamping()
        {
            return _journal != null && _journal.Fits(EventPriority.Ordinary, JournalRecord.MaxPayloadBytes);
        }

        /// <inheritdoc />
        public string AuthorizeStamp(string custodianId)
        {
            // A board without a PIN pad and a card reader cannot tell who stands there, so nothing authenticates and no
            // stamp button opens anything on it: fail safe rather than trust whoever pushes the button.
            return _desk == null ? "the cabinet is not running" : _desk.AuthorizeStamp(custodianId, _clock.UptimeMs);
        }

        /// <inheritdoc />
        public void OnAuthenticated(string personId, string method)
        {
            Tone();
            for (int i = 0; i < _sleeves.Length; i++)
            {
                if (_sleeves[i].ReadyCustodian == personId)
                {
                    // The event and the person photo belong to the grant they came for (the first READY one when they have several).
                    SleeveController sleeve = _sleeves[i];
                    DeviceEvent e = new DeviceEvent();
                    e.Type = EventType.CustodianAuthenticated;
                    e.PersonId = personId;
                    e.Detail = method;
                    e.Sleeve = sleeve.Sleeve;
                    e.SealKind = sleeve.SealKind;
                    e.GrantId = sleeve.GrantId;
                    e.GrantCounter = sleeve.State.GrantCounter;
                    Raise(e);
                    RequestEvidence(sleeve.Sleeve, EvidenceKind.Person, sleeve.GrantId);
                    return;
                }
            }
        }

        /// <inheritdoc />
        public void ShowReady(uint sleeve, bool ready, bool tone)
        {
            IDigitalOutput?[]? leds = _board.SleeveLeds;
            if (leds != null && sleeve >= 1 && sleeve <= leds.Length)
            {
                SetOutput(leds[sleeve - 1], ready);
            }

            if (tone)
            {
                Tone();
            }
        }

        /// <inheritdoc />
        public void RequestEvidence(uint sleeve, EvidenceKind kind, string grantId)
        {
            // A scanner over the tray, where the board has one, takes the document pages; the camera takes the person.
            bool scan = _board.DocumentScanner != null && kind != EvidenceKind.Person;
            ICameraCapture? source = scan ? _board.DocumentScanner : _board.Camera;
            if (!_config!.EvidenceCapture || source == null)
            {
                return;
            }

            byte[]? jpeg;
            if (scan)
            {
                jpeg = source.Capture(kind);
            }
            else
            {
                SetOutput(_board.CameraTrigger, true);
                jpeg = source.Capture(kind);
                SetOutput(_board.CameraTrigger, false);
            }

            DeviceEvent e = new DeviceEvent();
            e.Sleeve = sleeve;
            e.SealKind = _sleeves[sleeve - 1].SealKind;
            e.GrantId = grantId;
            if (jpeg == null || jpeg.Length == 0)
            {
                e.Type = EventType.SensorFault;
                e.Detail = scan ? "document scanner returned no image" : "camera returned no image";
                Raise(e);
                return;
            }

            _evidenceCounter++;
            string id = _evidencePrefix + _evidenceCounter.ToString();
            bool stored = _evidence!.Save(id, kind, jpeg);
            e.Type = EventType.EvidenceCaptured;
            e.EvidenceId = id;
            e.EvidenceKind = kind;
            e.EvidenceSize = (uint)jpeg.Length;
            e.EvidenceDigest = _mac.ComputeHmacSha256(_keys!.EvidenceKey, jpeg, 0, jpeg.Length);
            e.Detail = (scan ? "scan" : string.Empty) + (stored ? string.Empty : (scan ? "; " : string.Empty) + "photo not kept: evidence flash budget full");
            Raise(e);
        }

        /// <inheritdoc />
        public void OnAcked(ulong ackedSeq)
        {
            _recorder!.Acknowledge(ackedSeq);
        }

        /// <inheritdoc />
        public void OnFetched(FetchGrantsResponse response)
        {
            if (response.Roster != null)
            {
                OfferRoster(response.Roster.ToByteArray());
            }

            // Withdrawals first: a grant withdrawn since it was issued must not become READY for a moment.
            _grants.HandleFetchedWithdrawals(response.Withdrawals);
            _grants.HandleFetched(response.Grants);
        }

        /// <inheritdoc />
        public void SaveDeviceState()
        {
            try
            {
                _deviceStateFile!.Save(_deviceState.Serialize());
            }
            catch (FlashStoreException)
            {
                UnrecordedEvents++;
            }
        }

        /// <inheritdoc />
        public void OnAlarmRecorded()
        {
            SoundBuzzer();
        }

        /// <inheritdoc />
        public void OnOrdinaryEventDropped()
        {
            DroppedOrdinaryEvents++;
        }

        /// <inheritdoc />
        public void OnEventLost()
        {
            // A stamping event or an alarm that cannot be recorded: sound the buzzer so the loss is noticed.
            UnrecordedEvents++;
            SoundBuzzer();
        }

        private void Tone()
        {
            _toneUntil = _clock.UptimeMs + ToneMs;
            SetOutput(_board.Buzzer, true);
        }

        private static System.ArgumentException Missing(string seam)
        {
            return new System.ArgumentException("the board has no " + seam, "board");
        }

        private static void SetOutput(IDigitalOutput? output, bool on)
        {
            if (output != null)
            {
                output.Write(on);
            }
        }

        private uint FreeHeap()
        {
            return _board.SystemStatus == null ? 0 : _board.SystemStatus.FreeHeapBytes;
        }

        private void EnterFault(ConfigurationFault fault, string message)
        {
            State = FirmwareState.Fault;
            ConfigurationFault = fault;
            FaultMessage = message;
            _statusLed.Show(StatusLedPattern.NotProvisioned, _clock.UptimeMs);
        }

        /// <summary>
        /// The status LED's pattern from the running firmware's state, highest priority first: what needs someone at
        /// the cabinet now (alarm, a stamping in progress), then a provisioning file that waits, then the first
        /// broken link on the way to the cloud (Wi-Fi, gateway, trusted time, broker), else ready.
        /// </summary>
        private StatusLedPattern CurrentLedPattern()
        {
            bool unlocked = false;
            bool ready = false;
            bool alarm = _buzzerUntil >= 0 || _debouncers[InputTamper].Stable;
            for (int i = 0; i < _sleeves.Length; i++)
            {
                SleevePhase phase = _sleeves[i].Phase;
                alarm = alarm || phase == SleevePhase.ForcedOpen || (phase == SleevePhase.Lifted && _sleeves[i].State.ReturnAlarmRaised);
                unlocked = unlocked || phase == SleevePhase.Unlocking || phase == SleevePhase.Lifted;
                ready = ready || phase == SleevePhase.Ready;
            }

            if (alarm)
            {
                return StatusLedPattern.Alarm;
            }

            if (unlocked)
            {
                return StatusLedPattern.Unlocked;
            }

            if (ready)
            {
                return StatusLedPattern.SleeveReady;
            }

            if (IsBlocked)
            {
                return StatusLedPattern.ProvisioningWaits;
            }

            if (_board.NetworkLink != null && !_board.NetworkLink.IsUp)
            {
                return StatusLedPattern.WifiDown;
            }

            if (_uplink!.GatewayUnreachable)
            {
                return StatusLedPattern.CloudUnreachable;
            }

            if (!HasTrustedTime)
            {
                // Also for the moment after boot until the first answer; a wrong device secret keeps it here.
                return StatusLedPattern.ClockUntrusted;
            }

            if (!_board.Mqtt!.IsConnected && _mqttBackoff!.Failures > 0)
            {
                return StatusLedPattern.CloudUnreachable;
            }

            return StatusLedPattern.Ready;
        }

        private SleeveState?[] LoadSleeveStates()
        {
            SleeveState?[] states = new SleeveState?[CabinetBoard.SleeveCount];
            byte[]? data = _sleeveStateFile!.Load();
            if (data == null)
            {
                return states;
            }

            try
            {
                ProtoReader reader = new ProtoReader(data);
                for (int i = 0; i < states.Length; i++)
                {
                    states[i] = SleeveState.ReadFrom(reader);
                }
            }
            catch (ProtoDecodeException)
            {
                return new SleeveState?[CabinetBoard.SleeveCount];
            }

            return states;
        }

        private void SoundBuzzer()
        {
            _buzzerUntil = _clock.UptimeMs + BuzzerMs;
            SetOutput(_board.Buzzer, true);
        }

        private void OnInputChanged(IDigitalInput input, bool level)
        {
            long at = _clock.UptimeMs;
            for (int i = 0; i < _inputs.Length; i++)
            {
                if (ReferenceEquals(_inputs[i], input))
                {
                    lock (_inboxLock)
                    {
                        _edgeInbox.Add(new InputEdge(i, level, at));
                    }

                    return;
                }
            }
        }

        private void OnMqttMessage(string topic, byte[] payload)
        {
            if (topic == _grantsTopic)
            {
                _grants.Enqueue(payload);
            }
            else if (topic == _withdrawalsTopic)
            {
                _grants.EnqueueWithdrawal(payload);
            }
            else if (topic == _rosterTopic && payload != null && payload.Length <= SlotFile.MaxPayload)
            {
                Queue(_rosterInbox, payload);
            }
        }

        private void OnKeyPressed(char key)
        {
            Queue(_authInbox, key);
        }

        private void OnCardPresented(byte[] uid)
        {
            if (uid != null && uid.Length > 0 && uid.Length <= 10)
            {
                Queue(_authInbox, uid);
            }
        }

        private void Queue(ArrayList inbox, object item)
        {
            lock (_inboxLock)
            {
                if (inbox.Count < MaxQueuedInputs)
                {
                    inbox.Add(item);
                }
            }
        }

        private void HandleRosters()
        {
            object?[] rosters;
            lock (_inboxLock)
            {
                rosters = _rosterInbox.ToArray();
                _rosterInbox.Clear();
            }

            for (int i = 0; i < rosters.Length; i++)
            {
                OfferRoster((byte[])rosters[i]!);
            }
        }

        private void OfferRoster(byte[] signedRoster)
        {
            string result;
            _roster!.Offer(signedRoster, out result);
            if (result.Length > 0)
            {
                DeviceEvent e = new DeviceEvent();
                e.Type = EventType.RosterUpdated;
                e.Detail = result;
                Raise(e);
            }
        }

        private void HandleAuthentication(long now)
        {
            object?[] inputs;
            lock (_inboxLock)
            {
                inputs = _authInbox.ToArray();
                _authInbox.Clear();
            }

            if (inputs.Length == 0)
            {
                return;
            }

            string[] ready = new string[_sleeves.Length];
            for (int i = 0; i < _sleeves.Length; i++)
            {
                ready[i] = _sleeves[i].ReadyCustodian;
            }

            for (int i = 0; i < inputs.Length; i++)
            {
                if (inputs[i] is byte[])
                {
                    _desk!.OnCard((byte[])inputs[i]!, ready, now);
                }
                else
                {
                    _desk!.OnKey((char)inputs[i]!, ready, now);
                }
            }
        }

        private void OnMqttConnectionLost()
        {
            lock (_inboxLock)
            {
                _mqttLost = true;
            }
        }

        private void HandleInputs(long now)
        {
            object?[] edges;
            lock (_inboxLock)
            {
                edges = _edgeInbox.ToArray();
                _edgeInbox.Clear();
            }

            for (int i = 0; i < edges.Length; i++)
            {
                InputEdge edge = (InputEdge)edges[i]!;
                Debouncer debouncer = _debouncers[edge.Input];
                if (debouncer.Edge(edge.Level, edge.At))
                {
                    Dispatch(edge.Input, debouncer.Stable, debouncer.StableSince);
                }
            }

            for (int i = 0; i < _debouncers.Length; i++)
            {
                if (_debouncers[i].Settle(now))
                {
                    Dispatch(i, _debouncers[i].Stable, _debouncers[i].StableSince);
                }
            }
        }

        private void Dispatch(int input, bool level, long at)
        {
            if (input < 3)
            {
                _sleeves[input].OnPressChanged(level, at);
            }
            else if (input < 6)
            {
                _sleeves[input - 3].OnSeatChanged(level, at);
                if (level)
                {
                    CheckSealIdentity(input - 2, "on return");
                }
            }
            else if (input == InputTamper)
            {
                if (level)
                {
                    RaiseTamper("enclosure opened");
                }
            }
            else
            {
                _sleeves[input - FirstStampButton].OnStampButton(level, at);
            }
        }

        private void RaiseTamper(string detail)
        {
            DeviceEvent e = new DeviceEvent();
            e.Type = EventType.TamperAlarm;
            e.Detail = detail;
            Raise(e);
        }

        private void MaintainMqtt(long now)
        {
            IMqttChannel mqtt = _board.Mqtt!;
            bool lost;
            lock (_inboxLock)
            {
                lost = _mqttLost;
                _mqttLost = false;
            }

            if (lost && !mqtt.IsConnected)
            {
                // Grants may have been published while we were away: poll at once as well as reconnecting.
                _uplink!.RequestPollNow();
            }

            if (mqtt.IsConnected || now < _nextMqttAttemptAt)
            {
                return;
            }

            MqttConnectOptions options = new MqttConnectOptions();
            options.ClientId = _config!.DeviceId;
            options.Username = _config.DeviceId;
            options.Password = _keys!.MqttPassword;
            options.WillTopic = _statusTopic;
            options.WillPayload = Utf8.GetBytes("offline");
            options.WillRetain = true;
            options.CleanSession = false;
            if (mqtt.Connect(options) && mqtt.Subscribe(_grantsTopic) && mqtt.Subscribe(_withdrawalsTopic) && mqtt.Subscribe(_rosterTopic)
                && mqtt.Publish(_statusTopic, Utf8.GetBytes("online"), true))
            {
                _mqttBackoff!.Reset();
                return;
            }

            if (mqtt.IsConnected)
            {
                mqtt.Disconnect();
            }

            _nextMqttAttemptAt = now + _mqttBackoff!.NextDelayMs();
        }
    }
}
