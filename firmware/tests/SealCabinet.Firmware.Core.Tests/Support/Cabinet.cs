using System.Security.Cryptography;
using Google.Protobuf;
using SealCabinet.Firmware.Core.Authentication;
using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Core.Storage;
using SealCabinet.Firmware.Host.Authentication;
using SealCabinet.Firmware.Host.Clock;
using SealCabinet.Firmware.Host.Crypto;
using SealCabinet.Firmware.Host.Flash;
using SealCabinet.Firmware.Host.Gpio;
using SealCabinet.Firmware.Host.Network;
using Contract = SealCabinet.Contracts.V1;

namespace SealCabinet.Firmware.Core.Tests.Support;

/// <summary>
/// A whole cabinet for tests: the real firmware on simulated parts, a manual clock, in-memory flash, the
/// real HTTP transport to the in-test gateway (or to nowhere), and the matching cloud-side record.
/// Power cycles keep the flash and rebuild everything else, as on the device.
/// </summary>
internal sealed class Cabinet : IDisposable
{
    private static int _nextId;

    // Reproducible, but not the same stream at every power-up: a real board's random source never repeats a boot.
    private static int _nextSeed = 1234;
    private HttpClientTransport? _http;

    private readonly Func<IMqttChannel>? _mqttFactory;
    private FakeRealTimeClock? _realTimeClock;

    private readonly bool _authenticationParts;

    /// <param name="authenticationParts">False builds a board with neither the PIN pad nor the card reader.</param>
    public Cabinet(
        bool online = true, Action<DeviceConfiguration>? configure = null, InMemoryFlashStore? flash = null, string? deviceId = null, byte[]? secret = null,
        Func<IMqttChannel>? mqtt = null, bool withRoster = true, bool authenticationParts = true)
    {
        _authenticationParts = authenticationParts;
        DeviceId = deviceId ?? "cab-" + Interlocked.Increment(ref _nextId).ToString("D4") + "-" + Guid.NewGuid().ToString("N")[..6];
        Secret = secret ?? RandomNumberGenerator.GetBytes(32);
        _mqttFactory = mqtt;
        Config = new DeviceConfiguration
        {
            DeviceId = DeviceId,
            DeviceSecret = Secret,
            GatewayUrl = online ? GatewayServer.BaseUrl : "http://127.0.0.1:9",
            MqttHost = "127.0.0.1",
            SleeveSealKinds = [SealKind.Party, SealKind.Committee, SealKind.Cooperative],
            EvidenceCapture = false,

            // Most tests count events exactly; the commissioning self-test has its own tests.
            SkipFirstBootSelfTest = true,
        };
        configure?.Invoke(Config);
        Cloud = new CloudDevice(DeviceId, Secret);
        TestGatewayService.Devices[DeviceId] = Cloud;
        Flash = flash ?? new InMemoryFlashStore(1024 * 1024);
        if (Flash.ReadAll(ProvisioningFile.FileName) == null)
        {
            Flash.SetFile(ProvisioningFile.FileName, ProvisioningFile.Encode(Config));

            // The cabinet starts with the cloud's roster, as one that called home once does: most tests count events
            // exactly and are not about the roster's first delivery (RosterTests are).
            if (withRoster)
            {
                new SlotFile(Flash, CustodianRosterStore.SlotName).Save(Cloud.Roster.ToByteArray());
            }
        }

        Keys = DeviceKeys.Derive(Secret, new ManagedMacProvider());
        Online = online;
        Build();
    }

    public string DeviceId { get; }

    public byte[] Secret { get; }

    public DeviceConfiguration Config { get; }

    public DeviceKeys Keys { get; }

    public CloudDevice Cloud { get; }

    public InMemoryFlashStore Flash { get; }

    public bool Online { get; set; }

    public ManualClock Clock { get; private set; } = null!;

    public SimulatedOutput[] Solenoids { get; private set; } = null!;

    public SimulatedInput[] Press { get; private set; } = null!;

    public SimulatedInput[] Seat { get; private set; } = null!;

    public SimulatedInput Tamper { get; private set; } = null!;

    public SimulatedInput[] Buttons { get; private set; } = null!;

    /// <summary>A battery-backed clock to fit (kept across power cycles, like its battery); none by default.</summary>
    public FakeRealTimeClock? RealTimeClock
    {
        get => _realTimeClock;
        set
        {
            _realTimeClock = value;
            Board.RealTimeClock = value;
        }
    }

    public SimulatedOutput[] ReadyLights { get; private set; } = null!;

    public SimulatedKeypad Keypad { get; private set; } = null!;

    public SimulatedCardReader CardReader { get; private set; } = null!;

    public SimulatedOutput Buzzer { get; private set; } = null!;

    public SimulatedOutput Led { get; private set; } = null!;

    public FakeCamera Camera { get; private set; } = null!;

    public IMqttChannel Mqtt { get; private set; } = null!;

    public CabinetBoard Board { get; private set; } = null!;

    public CabinetFirmware Firmware { get; private set; } = null!;

    public CabinetFirmware Boot()
    {
        Firmware = new CabinetFirmware(Board);
        Firmware.Boot();
        return Firmware;
    }

    /// <summary>Ticks, letting real time pass too, until <paramref name="done"/> holds (for work arriving on other threads).</summary>
    public bool TickUntil(Func<bool> done, int seconds = 10)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            Run(50);
            if (done())
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return false;
    }

    /// <summary>
    /// Power off and on: the flash survives (a pending power cut is lifted), every other part restarts.
    /// The seals stay where they physically are (set <see cref="Seat"/> levels before to model an outage).
    /// </summary>
    public CabinetFirmware PowerCycle()
    {
        bool[] seated = Seat.Select(s => s.Level).ToArray();
        Flash.RestorePower();
        Build();
        for (int i = 0; i < 3; i++)
        {
            Seat[i] = new SimulatedInput(seated[i]);
        }

        Board.SeatSensors = [Seat[0], Seat[1], Seat[2]];
        return Boot();
    }

    /// <summary>Advances the clock in steps, ticking the firmware after each.</summary>
    public void Run(long ms, long step = 10)
    {
        for (long t = 0; t < ms; t += step)
        {
            Clock.Advance(Math.Min(step, ms - t));
            Firmware.Tick();
        }
    }

    public void Tick() => Firmware.Tick();

    /// <summary>Ticks until everything is acked and trusted time is set (at most ten simulated minutes, for backoff).</summary>
    public void SyncWithCloud()
    {
        for (int i = 0; i < 600 && (Firmware.Uplink!.PendingEvents > 0 || !Firmware.HasTrustedTime); i++)
        {
            Run(1000, step: 100);
        }
    }

    public void Lift(int sleeve) => SetLevel(Seat[sleeve - 1], false);

    /// <summary>
    /// The grant arrives, the custodian at the cabinet types their PIN and pushes its sleeve's stamp button (a READY sleeve
    /// unlocks; any other stays as it is).
    /// </summary>
    public void SubmitAndPushButton(SignedGrant grant)
    {
        Firmware.SubmitGrant(grant.ToByteArray());
        Tick();
        uint sleeve = UnlockGrant.Parse(grant.Grant).Sleeve;
        if (sleeve is >= 1 and <= 3)
        {
            // Nobody types a PIN at a cabinet that shows no READY sleeve.
            if (Firmware.GetSleevePhase((int)sleeve) == SleevePhase.Ready)
            {
                EnterPin();
            }

            PushStampButton((int)sleeve);
        }
    }

    /// <summary>Types a PIN and '#' on the PIN pad and lets the firmware handle it.</summary>
    public void EnterPin(string pin = CloudDevice.Pin)
    {
        Keypad.Press(pin + "#");
        Tick();
    }

    /// <summary>Holds a card to the reader and lets the firmware handle it.</summary>
    public void PresentCard(byte[] uid)
    {
        CardReader.Present(uid);
        Tick();
    }

    /// <summary>Pushes and releases the sleeve's stamp button (a READY sleeve unlocks).</summary>
    public void PushStampButton(int sleeve)
    {
        SetLevel(Buttons[sleeve - 1], true);
        SetLevel(Buttons[sleeve - 1], false);
    }

    public void Return(int sleeve) => SetLevel(Seat[sleeve - 1], true);

    public void PressOnce(int sleeve)
    {
        SetLevel(Press[sleeve - 1], true);
        SetLevel(Press[sleeve - 1], false);
    }

    /// <summary>Sets an input and lets the debounce time pass.</summary>
    public void SetLevel(SimulatedInput input, bool level)
    {
        input.Level = level;
        Run(Config.PressDebounceMs + 20);
    }

    public SignedGrant IssueGrant(int sleeve, uint presses = 2, long validFromOffsetMs = -60_000, long validForMs = 600_000, ulong? counter = null, SealKind? kind = null, string? deviceId = null, string custodianId = CloudDevice.Custodian)
    {
        Contract.SignedGrant g = Cloud.IssueGrant((uint)sleeve, (Contract.SealKind)(int)(kind ?? Config.SleeveSealKinds[sleeve - 1]), presses, Cloud.ServerNowMs + validFromOffsetMs, Cloud.ServerNowMs + validForMs, counter, deviceId, custodianId);
        return SignedGrant.Parse(g.ToByteArray());
    }

    /// <summary>Every event in the journal, checked independently (BCL HMAC and SHA-256, Google.Protobuf).</summary>
    public List<Contract.DeviceEvent> JournalEvents()
    {
        InMemoryFlashStore copy = Flash.Clone();
        EventJournal journal = new(copy, ProvisioningFile.JournalOptionsFor(Config));
        journal.Recover();
        System.Collections.ArrayList payloads = [];
        journal.Read(0, int.MaxValue, int.MaxValue, payloads);
        List<Contract.DeviceEvent> events = [];
        byte[]? previous = null;
        foreach (byte[] payload in payloads)
        {
            Contract.SignedEvent signed = Contract.SignedEvent.Parser.ParseFrom(payload);
            byte[] bytes = signed.Event.ToByteArray();
            Assert.That(signed.Mac.ToByteArray(), Is.EqualTo(HMACSHA256.HashData(CloudDevice.Key(Secret, "event"), bytes)), "event MAC");
            Contract.DeviceEvent e = Contract.DeviceEvent.Parser.ParseFrom(bytes);
            if (previous != null)
            {
                Assert.That(e.PrevHash.ToByteArray(), Is.EqualTo(SHA256.HashData(previous)), $"prev_hash of seq {e.Seq}");
            }

            previous = bytes;
            events.Add(e);
        }

        return events;
    }

    public List<Contract.EventType> JournalTypes() => JournalEvents().Select(e => e.Type).ToList();

    public void Dispose()
    {
        _http?.Dispose();
        (Mqtt as IDisposable)?.Dispose();
        TestGatewayService.Devices.TryRemove(DeviceId, out _);
    }

    private void Build()
    {
        Clock = new ManualClock(1_000);
        Solenoids = [new(), new(), new()];
        Press = [new(), new(), new()];
        Seat = [new(true), new(true), new(true)];
        Tamper = new SimulatedInput();
        Buttons = [new(), new(), new()];
        ReadyLights = [new(), new(), new()];
        Keypad = new SimulatedKeypad();
        CardReader = new SimulatedCardReader();
        Buzzer = new SimulatedOutput();
        Led = new SimulatedOutput();
        Camera = new FakeCamera();
        (Mqtt as IDisposable)?.Dispose();
        Mqtt = _mqttFactory?.Invoke() ?? new OfflineMqttChannel();
        _http?.Dispose();
        _http = new HttpClientTransport(TimeSpan.FromSeconds(10));
        Board = new CabinetBoard
        {
            Solenoids = [Solenoids[0], Solenoids[1], Solenoids[2]],
            PressSensors = [Press[0], Press[1], Press[2]],
            SeatSensors = [Seat[0], Seat[1], Seat[2]],
            StampButtons = [Buttons[0], Buttons[1], Buttons[2]],
            SleeveLeds = [ReadyLights[0], ReadyLights[1], ReadyLights[2]],
            RealTimeClock = _realTimeClock,
            Keypad = _authenticationParts ? Keypad : null,
            CardReader = _authenticationParts ? CardReader : null,
            TamperSwitch = Tamper,
            CameraTrigger = new SimulatedOutput(),
            StatusLed = Led,
            Buzzer = Buzzer,
            Clock = Clock,
            Flash = Flash,
            Http = _http,
            Mqtt = Mqtt,
            Camera = Camera,
            Mac = new ManagedMacProvider(),
            Random = new SystemRandomSource(seed: Interlocked.Increment(ref _nextSeed)),
        };
    }
}
