using SealCabinet.Firmware.Core.Authentication;
using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Host.Clock;
using SealCabinet.Firmware.Host.Crypto;
using SealCabinet.Firmware.Host.Flash;
using SealCabinet.Firmware.Host.Gpio;
using SealCabinet.Firmware.Host.Network;
using SealCabinet.Firmware.Host.Power;
using SealCabinet.HardwareSim.Board;
using SealCabinet.HardwareSim.Camera;
using SealCabinet.HardwareSim.Provisioning;

namespace SealCabinet.HardwareSim.Cabinet;

/// <summary>
/// A whole virtual cabinet: the physical <see cref="SimulatedBoard"/>, the unchanged firmware core
/// (<see cref="CabinetFirmware"/>) running on the electronics of the current boot, and the loop that drives both.
/// With <see cref="SystemMonotonicClock"/> a loop thread pumps the mechanics and ticks the firmware; with <see cref="ManualClock"/>
/// the caller steps everything with <see cref="Advance"/>. Power cuts stop the firmware abruptly (every flash, network
/// and output call of that boot fails from then on), optionally in the middle of a journal write; <see cref="PowerOn"/>
/// boots a fresh firmware instance on the same flash directory. The board has a PIN pad and an NFC card reader, so a
/// READY sleeve's stamp button opens it only for the custodian its grant names, once they have authenticated
/// (<see cref="TypePin"/>, <see cref="PresentCard(byte[])"/>) against the roster the cloud sent.
/// </summary>
public sealed class SimulatedCabinet : IDisposable
{
    private const string GrantsTopicSuffix = "/grants";
    private readonly object _stepLock = new();
    private readonly object _historyLock = new();
    private readonly List<RecordedEvent> _history = [];
    private readonly List<long> _grantToReadyMs = [];
    private readonly List<byte[]> _grantPayloads = [];
    private readonly SimulatedCabinetOptions _options;
    private readonly Thread? _loop;
    private readonly Thread? _mechanics;
    private BootedElectronics? _boot;
    private TornWritePlan? _armedTornWrite;
    private string? _armedUploadCut;
    private long _lastGrantMessageAt = -1;
    private long _grantMessages;
    private long _ticks;
    private int _boots;
    private volatile bool _disposed;

    /// <summary>Builds the cabinet (powered off) around the flash directory of <paramref name="options"/>.</summary>
    /// <param name="options">How to build it.</param>
    public SimulatedCabinet(SimulatedCabinetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Directory.CreateDirectory(options.FlashDirectory);
        try
        {
            Configuration = ProvisionFile.Read(options.FlashDirectory);
        }
        catch (InvalidDataException e)
        {
            ProvisioningProblem = e.Message;
        }

        IReadOnlyList<SealKind> kinds = Configuration?.SleeveSealKinds ?? [SealKind.Party, SealKind.Committee, SealKind.Cooperative];
        Board = new SimulatedBoard(options.Time, kinds, options.SealName, options.Timings, options.SealIdReader, options.RealTimeClock);
        if (options.DocumentSeed is { } seed)
        {
            Board.Tray.Place(seed, options.Camera.DocumentWidth);
        }

        foreach (var sleeve in Board.Sleeves)
        {
            sleeve.ReadyLight.Changed += OnReadyLightChanged;
        }

        if (options.Time is not ManualClock)
        {
            // The mechanics run on their own thread, like interrupts on the ESP32: an edge reaches the firmware's
            // input handler (which timestamps and queues it) when it happens, even while the firmware's thread is
            // blocked in a synchronous upload. Pumped from the firmware loop, a press made during an upload would
            // arrive as a burst of edges with one timestamp and be debounced away.
            _mechanics = new Thread(RunMechanics) { IsBackground = true, Name = $"cabinet {DeviceId} mechanics" };
            _mechanics.Start();
            _loop = new Thread(RunLoop) { IsBackground = true, Name = $"cabinet {DeviceId}" };
            _loop.Start();
        }
    }

    /// <summary>Raised (on the firmware's thread) for each event the firmware journals.</summary>
    public event Action<RecordedEvent>? EventRecorded;

    /// <summary>Raised (on the firmware's thread) with each photo the camera module delivers (kind, JPEG).</summary>
    public event Action<EvidenceKind, byte[]>? PhotoTaken;

    /// <summary>Raised for what the simulator itself does (power, faults, actions), for timelines.</summary>
    public event Action<string>? Note;

    /// <summary>The physical board.</summary>
    public SimulatedBoard Board { get; }

    /// <summary>The provisioned configuration (null when the flash holds no valid provisioning file).</summary>
    public DeviceConfiguration? Configuration { get; }

    /// <summary>Why the provisioning file is unusable (null when it is fine).</summary>
    public string? ProvisioningProblem { get; }

    /// <summary>The provisioned device id (empty when unprovisioned).</summary>
    public string DeviceId => Configuration?.DeviceId ?? string.Empty;

    /// <summary>The flash directory.</summary>
    public string FlashDirectory => _options.FlashDirectory;

    /// <summary>The firmware of the current boot (null while powered off).</summary>
    public CabinetFirmware? Firmware => _boot?.Firmware;

    /// <summary>Whether the board has power.</summary>
    public bool IsPowered => _boot?.Rail.IsOn == true;

    /// <summary>Boots so far.</summary>
    public int Boots => Volatile.Read(ref _boots);

    /// <summary>Holds MQTT messages between the radio and the firmware (late delivery) or releases them in order.</summary>
    /// <param name="hold">True to hold.</param>
    public void HoldMqttDelivery(bool hold) => Act(hold ? "MQTT delivery held" : "MQTT delivery released", () => Board.Network.HoldMqttDelivery = hold);

    /// <summary>MQTT messages held by <see cref="HoldMqttDelivery"/> in the current boot.</summary>
    public int MqttMessagesHeld => _boot?.Mqtt.MessagesHeld ?? 0;

    /// <summary>Grant messages delivered over MQTT, all boots.</summary>
    public long GrantMessagesReceived => Interlocked.Read(ref _grantMessages);

    /// <summary>Every event journaled since the simulator started, in order.</summary>
    public IReadOnlyList<RecordedEvent> Events
    {
        get
        {
            lock (_historyLock)
            {
                return [.. _history];
            }
        }
    }

    private int HistoryCount
    {
        get
        {
            lock (_historyLock)
            {
                return _history.Count;
            }
        }
    }

    /// <summary>
    /// Latencies from a grant arriving over MQTT to its sleeve's READY light, in ms: the cabinet's part of approval →
    /// unlock (the rest is the custodian walking up and pushing the stamp button).
    /// </summary>
    public IReadOnlyList<long> GrantToReadyLatenciesMs
    {
        get
        {
            lock (_historyLock)
            {
                return [.. _grantToReadyMs];
            }
        }
    }

    /// <summary>The grant payloads (encoded SignedGrant) delivered over MQTT, oldest first.</summary>
    public IReadOnlyList<byte[]> ReceivedGrants
    {
        get
        {
            lock (_historyLock)
            {
                return [.. _grantPayloads];
            }
        }
    }

    /// <summary>Powers the board and boots a fresh firmware on the flash directory.</summary>
    /// <exception cref="InvalidOperationException">Already powered.</exception>
    public void PowerOn()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_stepLock)
        {
            if (_boot is not null)
            {
                throw new InvalidOperationException("the cabinet is already powered");
            }

            var boot = Assemble(Interlocked.Increment(ref _boots));
            _boot = boot;
            RaiseNote($"power on (boot {boot.Number})");
            try
            {
                boot.Firmware.Boot();
            }
            catch (PowerLostException)
            {
                TearDown(boot, "power lost during boot");
                return;
            }

            if (boot.Firmware.State != FirmwareState.Running)
            {
                RaiseNote($"firmware fault: {boot.Firmware.FaultMessage}");
            }
        }
    }

    /// <summary>Cuts the power now: the firmware stops wherever it is and never runs again; the mechanics stay as they are.</summary>
    public void PowerCut()
    {
        var boot = _boot;
        if (boot is null)
        {
            return;
        }

        boot.Rail.Cut();
        lock (_stepLock)
        {
            TearDown(boot, "power cut");
        }
    }

    /// <summary>
    /// Arms a power cut that strikes during the next matching flash write (by default the next journal append),
    /// leaving a torn record on the flash.
    /// </summary>
    /// <param name="plan">Which write and how much of it survives.</param>
    public void ArmTornWrite(TornWritePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Volatile.Write(ref _armedTornWrite, plan);
        RaiseNote($"power cut armed for the next write to {plan.FilePrefix}*");
    }

    /// <summary>
    /// Arms a power cut during the next gateway call to <paramref name="method"/> (PushEvents by default): the request
    /// reaches the cloud, which stores it, and the power fails before the cabinet reads the answer.
    /// </summary>
    /// <param name="method">DeviceGateway method name (PushEvents, PutEvidenceChunk, FetchGrants).</param>
    public void ArmPowerCutDuringUpload(string method = "PushEvents")
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        Volatile.Write(ref _armedUploadCut, "/" + method);
        RaiseNote($"power cut armed for the next {method} call");
    }

    /// <summary>Hands an encoded SignedGrant to the firmware as if it had arrived (e.g. a captured grant replayed).</summary>
    /// <param name="signedGrant">The grant bytes.</param>
    /// <exception cref="InvalidOperationException">Powered off.</exception>
    public void InjectGrant(byte[] signedGrant)
    {
        var firmware = Firmware ?? throw new InvalidOperationException("the cabinet is powered off");
        firmware.SubmitGrant(signedGrant);
    }

    /// <summary>Moves virtual time forward millisecond by millisecond, pumping the mechanics and ticking the firmware.</summary>
    /// <param name="milliseconds">How far.</param>
    /// <exception cref="InvalidOperationException">The cabinet runs on real time.</exception>
    public void Advance(long milliseconds)
    {
        var time = _options.Time as ManualClock ?? throw new InvalidOperationException("Advance needs a cabinet on ManualClock");
        for (long i = 0; i < milliseconds; i++)
        {
            time.Advance(1);
            Step();
        }
    }

    /// <summary>Advances virtual time until <paramref name="condition"/> holds or <paramref name="maxMilliseconds"/> passed.</summary>
    /// <param name="condition">What to wait for.</param>
    /// <param name="maxMilliseconds">Limit.</param>
    /// <returns>Whether the condition came true.</returns>
    public bool AdvanceUntil(Func<bool> condition, long maxMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(condition);
        for (long i = 0; i < maxMilliseconds; i++)
        {
            if (condition())
            {
                return true;
            }

            Advance(1);
        }

        return condition();
    }

    /// <summary>Waits (real time) until <paramref name="condition"/> holds.</summary>
    /// <param name="condition">What to wait for.</param>
    /// <param name="timeout">Limit.</param>
    /// <param name="what">Described in the timeout error.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">The condition did not come true in time.</exception>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{DeviceId}: {what} did not happen within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits (real time) for a journaled event matching <paramref name="match"/> at index <paramref name="fromIndex"/> of <see cref="Events"/> or later.</summary>
    /// <param name="match">The event wanted.</param>
    /// <param name="fromIndex">First history index to consider.</param>
    /// <param name="timeout">Limit.</param>
    /// <param name="what">Described in the timeout error.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The event and its index.</returns>
    /// <exception cref="TimeoutException">No such event in time.</exception>
    public async Task<(RecordedEvent Event, int Index)> WaitForEventAsync(Func<RecordedEvent, bool> match, int fromIndex, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        (RecordedEvent, int)? found = null;
        await WaitUntilAsync(() => (found = Find(match, fromIndex)) is not null, timeout, what, cancellationToken).ConfigureAwait(false);
        return found!.Value;
    }

    /// <summary>The first journaled event at or after <paramref name="fromIndex"/> matching <paramref name="match"/>.</summary>
    /// <param name="match">The event wanted.</param>
    /// <param name="fromIndex">First history index.</param>
    /// <returns>The event and its index, or null.</returns>
    public (RecordedEvent Event, int Index)? Find(Func<RecordedEvent, bool> match, int fromIndex)
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_historyLock)
        {
            for (var i = Math.Max(0, fromIndex); i < _history.Count; i++)
            {
                if (match(_history[i]))
                {
                    return (_history[i], i);
                }
            }
        }

        return null;
    }

    /// <summary>Lifts the seal of sleeve <paramref name="sleeve"/> (1..3).</summary>
    /// <param name="sleeve">Sleeve number.</param>
    public void Lift(int sleeve) => Act($"lift seal {sleeve}", () => Board.Sleeve(sleeve).Lift());

    /// <summary>Pushes sleeve <paramref name="sleeve"/>'s stamp button (a READY sleeve unlocks; any other stays as it is).</summary>
    /// <param name="sleeve">Sleeve 1..3.</param>
    /// <param name="holdMs">How long it is held down.</param>
    public void PushStampButton(int sleeve, int holdMs = 150) => Act($"push stamp button {sleeve}", () => Board.Sleeve(sleeve).PushStampButton(holdMs));

    /// <summary>
    /// Pushes sleeve <paramref name="sleeve"/>'s stamp button and waits (real time) until the push is over and the
    /// firmware has handled it and seen the release: then a READY sleeve is either unlocking (the latch follows) or,
    /// refused, still READY (STAMP_BUTTON_REFUSED journaled, at most once every 5 s).
    /// </summary>
    /// <param name="sleeve">Sleeve 1..3.</param>
    /// <param name="timeout">Limit for the wait.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>When the push is over.</returns>
    public async Task PushStampButtonAsync(int sleeve, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        PushStampButton(sleeve);
        await WaitUntilAsync(() => Board.Timeline.Pending == 0, timeout, $"the push of stamp button {sleeve} over", cancellationToken).ConfigureAwait(false);

        // Every edge of the push is queued to the firmware now, but a firmware thread held up in an upload may not
        // have taken them yet, and its debounced level would still read "released".
        await WaitForFirmwareTickAsync(() => Firmware?.IsStampButtonPushed(sleeve) == false, timeout, $"the firmware handling the push of stamp button {sleeve}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Presses one key of the PIN pad.</summary>
    /// <param name="key">'0'-'9', '*' (clears what was typed), '#' (submits), 'A'-'D' (the firmware ignores them).</param>
    /// <exception cref="ArgumentException">No key of a 4×4 PIN pad.</exception>
    public void PressKey(char key) => Act($"PIN pad key {Masked(key)}", () => Board.PinPad.Press(key.ToString()));

    /// <summary>Types a PIN on the PIN pad: its digits, then '#'.</summary>
    /// <param name="pin">1 to <see cref="AuthenticationDesk.MaxPinDigits"/> digits.</param>
    /// <exception cref="ArgumentException">Not 1 to 8 digits.</exception>
    public void TypePin(string pin)
    {
        CheckPin(pin);
        Act($"PIN pad: {new string('•', pin.Length)} #", () => Board.PinPad.Press(pin + "#"));
    }

    /// <summary>Holds a card to the NFC reader.</summary>
    /// <param name="uid">The card's UID (4, 7 or 10 bytes).</param>
    /// <exception cref="ArgumentException">The UID is not 4, 7 or 10 bytes.</exception>
    public void PresentCard(byte[] uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        Act($"card {CardUid.Format(uid)} held to the reader", () => Board.CardReader.Present(uid));
    }

    /// <summary>Holds a card to the NFC reader.</summary>
    /// <param name="uidHex">The card's UID in hex, e.g. 04A1B2C3 or 04:A1:B2:C3.</param>
    /// <exception cref="ArgumentException">Not 4, 7 or 10 bytes of hex.</exception>
    public void PresentCard(string uidHex) =>
        PresentCard(CardUid.TryParse(uidHex, out var uid) ? uid : throw new ArgumentException($"'{uidHex}' is not a card UID (4, 7 or 10 bytes in hex, e.g. 04A1B2C3)", nameof(uidHex)));

    /// <summary>
    /// Types a PIN (digits, then '#') and waits (real time) until the firmware has handled it.
    /// </summary>
    /// <param name="pin">1 to <see cref="AuthenticationDesk.MaxPinDigits"/> digits.</param>
    /// <param name="timeout">Limit for the wait.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>
    /// The verdict the firmware journaled: CUSTODIAN_AUTHENTICATED or AUTHENTICATION_FAILED; null when it journaled
    /// none (powered off, or a lockout that already recorded its one refusal).
    /// </returns>
    /// <exception cref="ArgumentException">Not 1 to 8 digits.</exception>
    /// <exception cref="TimeoutException">The firmware did not get to the keys in time.</exception>
    public async Task<RecordedEvent?> EnterPinAsync(string pin, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        CheckPin(pin);
        var from = HistoryCount;
        TypePin(pin);
        return await AuthenticationVerdictAsync(from, timeout, "the PIN", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Holds a card to the reader and waits (real time) until the firmware has handled it.</summary>
    /// <param name="uid">The card's UID (4, 7 or 10 bytes).</param>
    /// <param name="timeout">Limit for the wait.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>
    /// The verdict the firmware journaled: CUSTODIAN_AUTHENTICATED or AUTHENTICATION_FAILED; null when it journaled
    /// none (a known card waiting for its holder's PIN under policy PIN_AND_CARD, powered off, or a lockout that already
    /// recorded its one refusal).
    /// </returns>
    /// <exception cref="ArgumentException">The UID is not 4, 7 or 10 bytes.</exception>
    /// <exception cref="TimeoutException">The firmware did not get to the card in time.</exception>
    public async Task<RecordedEvent?> PresentCardAsync(byte[] uid, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var from = HistoryCount;
        PresentCard(uid);
        return await AuthenticationVerdictAsync(from, timeout, "the card", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits (real time) until a whole firmware tick has run since the call, so the keys, cards and grants handed to the
    /// firmware before it have been handled; ends at once when the power is off (what was handed over is lost).
    /// </summary>
    /// <param name="timeout">Limit for the wait.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>When it is handled.</returns>
    /// <exception cref="TimeoutException">The firmware's thread did not get round in time.</exception>
    public Task WaitUntilInputHandledAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForFirmwareTickAsync(() => true, timeout, "a firmware tick", cancellationToken);

    /// <summary>Presses the seal of sleeve <paramref name="sleeve"/> once.</summary>
    /// <param name="sleeve">Sleeve number.</param>
    /// <param name="holdMs">How long it stays down.</param>
    public void Press(int sleeve, int holdMs = 150) => Act($"press seal {sleeve}", () => Board.Sleeve(sleeve).Press(holdMs));

    /// <summary>Puts the seal of sleeve <paramref name="sleeve"/> back.</summary>
    /// <param name="sleeve">Sleeve number.</param>
    public void Return(int sleeve) => Act($"return seal {sleeve}", () => Board.Sleeve(sleeve).Return());

    /// <summary>Puts a seal of another kind into the empty sleeve <paramref name="sleeve"/>.</summary>
    /// <param name="sleeve">Sleeve number.</param>
    public void ReturnWrongSeal(int sleeve) => Act($"wrong seal into sleeve {sleeve}", () => Board.Sleeve(sleeve).ReturnWrongSeal());

    /// <summary>Forces the seal out of sleeve <paramref name="sleeve"/> whatever the latch.</summary>
    /// <param name="sleeve">Sleeve number.</param>
    public void Force(int sleeve) => Act($"force sleeve {sleeve}", () => Board.Sleeve(sleeve).Force());

    /// <summary>Sticks (or frees) the press switch of sleeve <paramref name="sleeve"/>.</summary>
    /// <param name="sleeve">Sleeve number.</param>
    /// <param name="stuck">Stuck closed or free.</param>
    public void StickPressSensor(int sleeve, bool stuck) => Act(stuck ? $"press sensor {sleeve} stuck" : $"press sensor {sleeve} freed", () => Board.Sleeve(sleeve).StickPressSensor(stuck));

    /// <summary>Opens or closes the enclosure (tamper switch).</summary>
    /// <param name="open">Open or closed.</param>
    public void SetEnclosureOpen(bool open) => Act(open ? "enclosure opened" : "enclosure closed", () => Board.Tamper.Level = open);

    /// <summary>Takes the Wi-Fi link down or up.</summary>
    /// <param name="up">Up or down.</param>
    public void SetNetwork(bool up) => Act(up ? "network up" : "network down", () => Board.Network.LinkUp = up);

    /// <summary>Makes the gateway unreachable or reachable.</summary>
    /// <param name="reachable">Reachable or not.</param>
    public void SetCloudReachable(bool reachable) => Act(reachable ? "cloud reachable" : "cloud unreachable", () => Board.Network.CloudReachable = reachable);

    /// <summary>Makes the broker unreachable or reachable.</summary>
    /// <param name="reachable">Reachable or not.</param>
    public void SetBrokerReachable(bool reachable) => Act(reachable ? "broker reachable" : "broker unreachable", () => Board.Network.BrokerReachable = reachable);

    /// <summary>Lays a generated document page on the tray.</summary>
    /// <param name="seed">Chooses the page.</param>
    public void PlaceDocument(int seed) => Act($"document {seed} on the tray", () => Board.Tray.Place(seed, _options.Camera.DocumentWidth));

    /// <summary>Lays a page with the given text on the tray.</summary>
    /// <param name="title">Title.</param>
    /// <param name="paragraphs">Body.</param>
    public void PlaceDocument(string title, IReadOnlyList<string> paragraphs) =>
        Act($"document \"{title}\" on the tray", () => Board.Tray.Place(title, paragraphs, title.GetHashCode(StringComparison.Ordinal), _options.Camera.DocumentWidth));

    /// <summary>The cabinet now.</summary>
    /// <returns>The snapshot.</returns>
    public CabinetSnapshot Snapshot()
    {
        var boot = _boot;
        var firmware = boot?.Firmware;
        var powered = boot?.Rail.IsOn == true;
        var running = powered && firmware!.State == FirmwareState.Running;
        var sleeves = Board.Sleeves.Select(s => new SleeveSnapshot(
            s.Number,
            s.SealKind,
            running ? firmware!.GetSleevePhase(s.Number) : SleevePhase.Locked,
            running ? firmware!.GetPressCount(s.Number) : 0,
            s.Solenoid.IsOn,
            s.LatchEngaged,
            s.Seat,
            s.SealInHand,
            s.PressSensor.IsStuck)).ToArray();
        var pending = Directory.Exists(FlashDirectory) ? Directory.EnumerateFiles(FlashDirectory, "ev_*").Count() : 0;
        return new CabinetSnapshot(
            DeviceId,
            powered,
            !powered ? "Off" : firmware!.State.ToString(),
            firmware?.FaultMessage ?? string.Empty,
            Boots,
            sleeves,
            Board.StatusLed.IsOn,
            powered && firmware!.State != FirmwareState.NotStarted ? StatusLed.NameOf(firmware.LedPattern) : "off",
            Board.Buzzer.IsOn,
            Board.Tamper.Level,
            Board.Network.LinkUp,
            Board.Network.CloudReachable,
            Board.Network.BrokerReachable,
            powered && boot!.Mqtt.IsConnected,
            running && firmware!.HasTrustedTime,
            running ? firmware!.LastSeq : 0,
            running ? firmware!.AckedSeq : 0,
            running ? firmware!.Uplink!.LastError : string.Empty,
            pending,
            running ? firmware!.AuthenticatedPerson : string.Empty,
            running && firmware!.IsAuthenticationLockedOut,
            running ? firmware!.RosterVersion : 0);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        PowerCut();
        _loop?.Join();
        _mechanics?.Join();
        Board.Dispose();
    }

    private BootedElectronics Assemble(int number)
    {
        var rail = new PowerRail();
        var time = _options.Time;
        var flash = new DirectoryFlashStore(_options.FlashDirectory, _options.FlashCapacityBytes, rail, TakeTornWritePlan);
        flash.Appended += (name, bytes) => OnFlashAppended(name, bytes, number);
        var config = Configuration;
        var mqtt = new MqttNetChannel(config?.MqttHost ?? "127.0.0.1", (int)(config?.MqttPort ?? 1883), _options.MqttTimeout, config?.MqttTls ?? false, Board.Network, rail);
        mqtt.MessageDelivered += OnMqttMessage;
        var http = new HttpClientTransport(_options.HttpTimeout) { Network = Board.Network, Rail = rail, CutPowerAfterSend = TakeUploadCut };
        var camera = new SimulatedCamera(Board.Tray, () => Board.PersonSeed, _options.Camera, rail, number * 1000);
        camera.Captured += (kind, jpeg) => PhotoTaken?.Invoke(kind, jpeg);
        var inputs = new List<PoweredInput>();
        PoweredInput Input(SimulatedInput line)
        {
            var input = new PoweredInput(line, rail);
            inputs.Add(input);
            return input;
        }

        var seams = new CabinetBoard
        {
            Solenoids = [.. Board.Sleeves.Select(s => (IDigitalOutput)new PoweredOutput(s.Solenoid, rail))],
            PressSensors = [.. Board.Sleeves.Select(s => (IDigitalInput)Input(s.PressSensor))],
            SeatSensors = [.. Board.Sleeves.Select(s => (IDigitalInput)Input(s.SeatSensor))],
            StampButtons = [.. Board.Sleeves.Select(s => (IDigitalInput)Input(s.StampButton))],
            SleeveLeds = [.. Board.Sleeves.Select(s => (IDigitalOutput?)new PoweredOutput(s.ReadyLight, rail))],
            TamperSwitch = Input(Board.Tamper),
            CameraTrigger = new PoweredOutput(Board.CameraTrigger, rail),
            StatusLed = new PoweredOutput(Board.StatusLed, rail),
            Buzzer = new PoweredOutput(Board.Buzzer, rail),
            Clock = new UptimeClock(time),
            Flash = flash,
            Http = http,
            Mqtt = mqtt,
            NetworkLink = new NetworkLink(Board.Network, rail),
            Camera = camera,
            Keypad = Board.PinPad,
            CardReader = Board.CardReader,
            Mac = new SystemMacProvider(),
            Random = new SystemRandomSource(),
            SealIdentifier = _options.SealIdReader ? new BoardSealIdentifier(Board, rail) : null,
            RealTimeClock = Board.RealTimeClock,
        };
        return new BootedElectronics
        {
            Number = number,
            Rail = rail,
            Firmware = new CabinetFirmware(seams),
            Flash = flash,
            Mqtt = mqtt,
            Http = http,
            Camera = camera,
            Inputs = inputs,
        };
    }

    private TornWritePlan? TakeTornWritePlan(string fileName)
    {
        var plan = Volatile.Read(ref _armedTornWrite);
        if (plan is null || !fileName.StartsWith(plan.FilePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        return Interlocked.CompareExchange(ref _armedTornWrite, null, plan) == plan ? plan : null;
    }

    private bool TakeUploadCut(string url)
    {
        var armed = Volatile.Read(ref _armedUploadCut);
        return armed is not null
            && url.EndsWith(armed, StringComparison.Ordinal)
            && Interlocked.CompareExchange(ref _armedUploadCut, null, armed) == armed;
    }

    private void RunLoop()
    {
        while (!_disposed)
        {
            Step();
            Thread.Sleep(_options.TickIntervalMs);
        }
    }

    private void RunMechanics()
    {
        while (!_disposed)
        {
            Board.Pump();
            Thread.Sleep(1);
        }
    }

    private void Step()
    {
        lock (_stepLock)
        {
            if (_mechanics is null)
            {
                // Virtual time: one thread steps the mechanics and the firmware millisecond by millisecond.
                Board.Pump();
            }

            var boot = _boot;
            if (boot is null)
            {
                return;
            }

            if (!boot.Rail.IsOn)
            {
                TearDown(boot, "power cut");
                return;
            }

            try
            {
                boot.Firmware.Tick();
                Interlocked.Increment(ref _ticks);
            }
            catch (PowerLostException e)
            {
                TearDown(boot, e.Message);
            }
        }
    }

    private void TearDown(BootedElectronics boot, string why)
    {
        if (!ReferenceEquals(_boot, boot))
        {
            return;
        }

        boot.Rail.Cut();
        _boot = null;
        boot.Detach();

        // The pad and the reader are part of the board; the dead firmware must not keep queueing what they report.
        Board.PinPad.SetKeyHandler(null);
        Board.CardReader.SetCardHandler(null);

        // No supply: every coil and lamp drops.
        foreach (var sleeve in Board.Sleeves)
        {
            sleeve.Solenoid.Write(false);
        }

        Board.StatusLed.Write(false);
        Board.Buzzer.Write(false);
        Board.CameraTrigger.Write(false);
        RaiseNote($"{why} (boot {boot.Number} stopped)");
    }

    private void OnFlashAppended(string name, ReadOnlyMemory<byte> bytes, int boot)
    {
        if (!name.StartsWith(TornWritePlan.JournalPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var data = bytes.ToArray();
        if (JournalRecord.Check(data, 0, data.Length) != data.Length)
        {
            return;
        }

        var payload = JournalRecord.PayloadAt(data, 0);
        var deviceEvent = DeviceEvent.Parse(SignedEvent.Parse(payload).Event);
        var recorded = new RecordedEvent(deviceEvent, payload, boot, _options.Time.UptimeMs);
        lock (_historyLock)
        {
            _history.Add(recorded);
        }

        EventRecorded?.Invoke(recorded);
    }

    private void OnMqttMessage(string topic, byte[] payload)
    {
        if (!topic.EndsWith(GrantsTopicSuffix, StringComparison.Ordinal))
        {
            return;
        }

        Interlocked.Increment(ref _grantMessages);
        lock (_historyLock)
        {
            _grantPayloads.Add(payload);
            _lastGrantMessageAt = _options.Time.UptimeMs;
        }
    }

    private void OnReadyLightChanged(bool ready)
    {
        if (!ready)
        {
            return;
        }

        lock (_historyLock)
        {
            if (_lastGrantMessageAt >= 0)
            {
                _grantToReadyMs.Add(_options.Time.UptimeMs - _lastGrantMessageAt);
                _lastGrantMessageAt = -1;
            }
        }
    }

    /// <summary>Refuses anything but 1 to <see cref="AuthenticationDesk.MaxPinDigits"/> digits (the firmware would ignore the rest).</summary>
    /// <param name="pin">The PIN.</param>
    internal static void CheckPin(string pin)
    {
        ArgumentNullException.ThrowIfNull(pin);
        if (pin.Length is 0 or > AuthenticationDesk.MaxPinDigits || !pin.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"a PIN is 1 to {AuthenticationDesk.MaxPinDigits} digits (is '{pin}')", nameof(pin));
        }
    }

    private static char Masked(char key) => char.IsAsciiDigit(key) ? '•' : key;

    /// <summary>Waits until the firmware has handled the input queued before the call (or lost it with the power), then finds the verdict it journaled.</summary>
    private async Task<RecordedEvent?> AuthenticationVerdictAsync(int fromIndex, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        await WaitForFirmwareTickAsync(() => true, timeout, $"the firmware handling {what}", cancellationToken).ConfigureAwait(false);
        return Find(e => e.Type is EventType.CustodianAuthenticated or EventType.AuthenticationFailed, fromIndex)?.Event;
    }

    /// <summary>
    /// Waits until a whole firmware tick started after the call (so everything queued before it was handled) and
    /// <paramref name="settled"/> holds; ends early when the power goes, which loses the input.
    /// </summary>
    private async Task WaitForFirmwareTickAsync(Func<bool> settled, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        // The tick running now may have taken its inbox just before the input arrived; the one after it has not.
        var handledAt = Interlocked.Read(ref _ticks) + 2;
        await WaitUntilAsync(() => !IsPowered || (Interlocked.Read(ref _ticks) >= handledAt && settled()), timeout, what, cancellationToken).ConfigureAwait(false);
    }

    private void Act(string what, Action action)
    {
        action();
        RaiseNote(what);
    }

    private void RaiseNote(string note) => Note?.Invoke(note);
}
