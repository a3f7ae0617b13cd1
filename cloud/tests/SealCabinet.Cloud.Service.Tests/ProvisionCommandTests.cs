extern alias sealctl;

using System.Text.Json;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Host.Clock;
using SealCabinet.Firmware.Host.Crypto;
using SealCabinet.Firmware.Host.Flash;
using SealCabinet.Firmware.Host.Gpio;
using SealCabinet.Firmware.Host.Network;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;
using CloudConnection = sealctl::SealCabinet.Cloud.Tool.Infrastructure.CloudConnection;
using CommissioningReport = sealctl::SealCabinet.Cloud.Tool.Provisioning.CommissioningReport;
using DeploymentDescription = sealctl::SealCabinet.Cloud.Tool.Provisioning.DeploymentDescription;
using ProvisionArguments = sealctl::SealCabinet.Cloud.Tool.Provisioning.ProvisionArguments;
using ProvisionCommand = sealctl::SealCabinet.Cloud.Tool.Commands.ProvisionCommand;
using SealctlApp = sealctl::SealCabinet.Cloud.Tool.SealctlApp;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>`sealctl provision`: checks before any cloud call, the nanoff deployment description, and the whole path into a simulated cabinet up to its commissioning report.</summary>
[TestFixture]
public sealed class ProvisionCommandTests
{
    private CloudServiceHost _host = null!;
    private Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await CloudServiceHost.StartAsync("provision");
        _village = await Village.CreateAsync(_host, "town-prov", "village-prov");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    /// <summary>Registers a cabinet and provisions it into a new simulated flash, as a technician would; fails unless sealctl exits 0.</summary>
    private async Task<(string Flash, string DeviceId, string Output)> ProvisionIntoNewFlashAsync(CloudConnection cloud, string purpose)
    {
        var flash = TestServers.NewDirectory(purpose);
        var output = new StringWriter();
        var code = await ProvisionCommand.ProvisionAsync(Arguments(flash, Path.Combine(flash, "..", Path.GetFileName(flash) + "-bundle.bin")), cloud, null, output, CancellationToken.None);
        Assert.That(code, Is.Zero, output.ToString());
        return (flash, RegisteredDeviceId(output), output.ToString());
    }

    private static string RegisteredDeviceId(StringWriter output) =>
        output.ToString().Split('\n').Single(l => l.StartsWith("registered cabinet ", StringComparison.Ordinal)).Split(' ')[2];

    [Test]
    public async Task Provisioning_into_a_simulated_flash_registers_the_cabinet_which_boots_self_tests_and_reaches_the_cloud()
    {
        using var cloud = CloudConnection.FromChannel(_village.Technician.Channel);

        var (flash, deviceId, _) = await ProvisionIntoNewFlashAsync(cloud, "sim-flash");

        var registered = (await _village.Technician.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = deviceId })).Cabinet;
        Assert.That(registered.Sleeves.Select(s => s.SealKind), Is.EqualTo(new[] { SealKind.Cooperative, SealKind.Party, SealKind.Committee }));

        using var http = new HttpClientTransport(TimeSpan.FromSeconds(10), new SynchronousHandler(_host.CreateServerHandler()));
        using var mqtt = new MqttNetChannel("127.0.0.1", _host.EmbeddedBrokerPort, TimeSpan.FromSeconds(5));
        var board = Board(new DirectoryFlashStore(flash), http, mqtt);
        var firmware = new CabinetFirmware(board);
        firmware.Boot();
        var online = false;
        for (var until = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < until && !(online && firmware.HasTrustedTime && !firmware.SelfTestRunning);)
        {
            firmware.Tick();
            Thread.Sleep(20);
            online = (await _village.Technician.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = deviceId })).Cabinet.Online;
        }

        using var stop = new CancellationTokenSource();
        var ticking = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                firmware.Tick();
                Thread.Sleep(20);
            }
        });
        var report = new StringWriter();
        var reportCode = await ProvisionCommand.WaitAndReportAsync(cloud, deviceId, TimeSpan.FromSeconds(30), report, CancellationToken.None);
        await stop.CancelAsync();
        await ticking;

        Assert.That(reportCode, Is.Zero, report.ToString());
        Assert.That(report.ToString(), Does.Contain("  self-test    result   pass").And.Contain("  self-test    trigger  first-boot").And.EndWith("COMMISSIONED" + Environment.NewLine));
        Assert.That(firmware.State, Is.EqualTo(FirmwareState.Running));
        Assert.That(firmware.DeviceId, Is.EqualTo(deviceId));
        Assert.That(firmware.LastSelfTestSummary, Does.StartWith("summary trigger=first-boot result=pass sleeves=pass,pass,pass"));
        Assert.That(online, Is.True, "the broker took the MQTT password derived from the secret in the bundle");
        Assert.That(firmware.HasTrustedTime, Is.True, "the cloud's time, MAC'd with the key from the same secret, verified on the cabinet");
        Assert.That(firmware.Configuration!.GatewayUrl, Is.EqualTo(_host.BaseAddress.ToString()));
        Assert.That(firmware.Configuration.EvidenceCapture, Is.True, "sealctl provisions a cabinet that photographs every stamping");
        Assert.That(firmware.LastSelfTestSummary, Does.Contain(" camera=ok-"), "and its self-test checked the camera");
    }

    [Test]
    public async Task Provisioning_prints_the_mqtt_password_an_external_broker_needs_for_the_new_secret()
    {
        using var cloud = CloudConnection.FromChannel(_village.Technician.Channel);

        var (flash, _, output) = await ProvisionIntoNewFlashAsync(cloud, "sim-flash-mqtt-password");

        var secret = ProvisioningFile.Decode(File.ReadAllBytes(Path.Combine(flash, ProvisioningFile.FileName))).Configuration!.DeviceSecret;
        var line = output.Split('\n').Single(l => l.StartsWith("mqtt password ", StringComparison.Ordinal)).TrimEnd('\r');
        Assert.That(line, Does.EndWith(": " + TestCrypto.MqttPassword(secret)));
        Assert.That(output, Does.Not.Contain(Convert.ToHexStringLower(secret)), "the device secret itself is shown nowhere");
    }

    [TestCase("", ExpectedResult = true)]
    [TestCase("--no-evidence", ExpectedResult = false)]
    public bool The_bundle_turns_photo_evidence_on_unless_no_evidence_is_given(string option)
    {
        var dir = TestServers.NewDirectory("evidence");
        var parse = ProvisionCommand.Create().Parse(["--village", "village-prov", "--name", "x", "--gateway-url", "http://gateway.example:8080", "--mqtt-host", "m", "--sim-flash", dir, .. option.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        Assert.That(parse.Errors, Is.Empty);

        var bundle = ProvisioningFile.Encode(ProvisionCommand.Validate(parse).ToConfiguration("cab-evidence", new byte[32], 1));

        return ProvisioningFile.Decode(bundle).Configuration!.EvidenceCapture;
    }

    [Test]
    public async Task Re_provisioning_a_registered_cabinet_puts_its_registered_sleeve_mapping_into_the_new_bundle()
    {
        using var cloud = CloudConnection.FromChannel(_village.Technician.Channel);
        var (flash, deviceId, _) = await ProvisionIntoNewFlashAsync(cloud, "sim-flash-reprovision");
        var again = new ProvisionArguments
        {
            ExistingDeviceId = deviceId,
            Sleeves = ProvisionArguments.ParseSleeves(null),
            GatewayUrl = _host.BaseAddress.ToString(),
            MqttHost = "127.0.0.1",
            MqttPort = (uint)_host.EmbeddedBrokerPort,
            MqttTls = false,
            CaCertificatePem = "",
            SimFlashDirectory = flash,
            BundlePath = Path.Combine(flash, "..", Path.GetFileName(flash) + "-bundle-2.bin"),
            ForceWipe = false,
            Wait = TimeSpan.Zero,
        };

        var output = new StringWriter();
        var code = await ProvisionCommand.ProvisionAsync(again, cloud, null, output, CancellationToken.None);

        Assert.That(code, Is.Zero, output.ToString());
        var bundle = ProvisioningFile.Decode(File.ReadAllBytes(Path.Combine(flash, ProvisioningFile.FileName))).Configuration!;
        Assert.That(bundle.SleeveSealKinds.Select(k => (SealKind)(int)k), Is.EqualTo(new[] { SealKind.Cooperative, SealKind.Party, SealKind.Committee }));
    }

    [Test]
    public async Task A_cabinet_holding_another_secret_is_diagnosed_as_a_wrong_secret()
    {
        using var cloud = CloudConnection.FromChannel(_village.Technician.Channel);
        var (flash, deviceId, _) = await ProvisionIntoNewFlashAsync(cloud, "sim-flash-wrong");
        var file = Path.Combine(flash, ProvisioningFile.FileName);
        var configuration = ProvisioningFile.Decode(File.ReadAllBytes(file)).Configuration!;
        configuration.DeviceSecret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        File.WriteAllBytes(file, ProvisioningFile.Encode(configuration));

        using var http = new HttpClientTransport(TimeSpan.FromSeconds(10), new SynchronousHandler(_host.CreateServerHandler()));
        using var mqtt = new MqttNetChannel("127.0.0.1", _host.EmbeddedBrokerPort, TimeSpan.FromSeconds(5));
        var firmware = new CabinetFirmware(Board(new DirectoryFlashStore(flash), http, mqtt));
        firmware.Boot();
        for (var until = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < until;)
        {
            firmware.Tick();
            Thread.Sleep(20);
            if ((await _village.Technician.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = deviceId })).Cabinet.AuthFailures > 0)
            {
                break;
            }
        }

        var report = new StringWriter();
        var code = await ProvisionCommand.WaitAndReportAsync(cloud, deviceId, TimeSpan.FromSeconds(2), report, CancellationToken.None);

        Assert.That(code, Is.EqualTo(ProvisionCommand.NotCommissioned));
        Assert.That(report.ToString(), Does.Contain("NOT COMMISSIONED within the wait: wrong secret"));
    }

    [Test]
    public async Task A_deployment_that_fails_after_registration_decommissions_the_cabinet_again()
    {
        var flash = TestServers.NewDirectory("sim-flash-fail");
        var output = new StringWriter();
        using var cloud = CloudConnection.FromChannel(_village.Technician.Channel);

        var code = await ProvisionCommand.ProvisionAsync(Arguments(flash, Path.Combine(flash, "no-such-dir", "bundle.bin")), cloud, null, output, CancellationToken.None);

        Assert.That(code, Is.EqualTo(ProvisionCommand.DeploymentFailed));
        var deviceId = RegisteredDeviceId(output);
        var cabinet = (await _village.Technician.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = deviceId })).Cabinet;
        Assert.That(cabinet.Status, Is.EqualTo(CabinetStatus.Decommissioned));
        Assert.That(output.ToString(), Does.Contain("rolled back: cabinet " + deviceId + " decommissioned"));
        Assert.That(File.Exists(Path.Combine(flash, ProvisioningFile.FileName)), Is.False);
    }

    [TestCase("--village", "village-prov", "--name", "x", "--gateway-url", "http://gateway.example:8080", "--mqtt-host", "m", "--sim-flash", "{dir}", "--sleeve", "1=party", "--sleeve", "2=party", "--sleeve", "3=cooperative", ExpectedResult = "--sleeve")]
    [TestCase("--village", "village-prov", "--name", "x", "--gateway-url", "http://gateway.example:8080", "--mqtt-host", "m", ExpectedResult = "--serial-port PORT")]
    [TestCase("--village", "village-prov", "--name", "x", "--gateway-url", "http://gateway.example:8080", "--mqtt-host", "m", "--sim-flash", "{dir}", "--serial-port", "COM3", ExpectedResult = "exclude each other")]
    [TestCase("--village", "village-prov", "--name", "x", "--gateway-url", "https://gateway.example", "--mqtt-host", "m", "--sim-flash", "{dir}", ExpectedResult = "--ca-cert")]
    [TestCase("--village", "village-prov", "--name", "x", "--gateway-url", "ftp://gateway.example", "--mqtt-host", "m", "--sim-flash", "{dir}", ExpectedResult = "--gateway-url")]
    [TestCase("--village", "village-prov", "--name", "x", "--gateway-url", "http://gateway.example:8080", "--mqtt-host", "m", "--mqtt-port", "70000", "--sim-flash", "{dir}", ExpectedResult = "--mqtt-port")]
    [TestCase("--village", "village-prov", "--name", "x", "--gateway-url", "http://gateway.example:8080", "--mqtt-host", "m", "--sim-flash", "{dir}", "--wifi-file", "{dir}/none.txt", ExpectedResult = "--wifi-file")]
    [TestCase("--device-id", "cab-1", "--village", "village-prov", "--gateway-url", "http://gateway.example:8080", "--mqtt-host", "m", "--sim-flash", "{dir}", ExpectedResult = "--device-id re-provisions")]
    [TestCase("--device-id", "cab-1", "--sleeve", "1=party", "--gateway-url", "http://gateway.example:8080", "--mqtt-host", "m", "--sim-flash", "{dir}", ExpectedResult = "--device-id keeps")]
    [TestCase("--village", "Bad Village", "--name", "x", "--gateway-url", "http://gateway.example:8080", "--mqtt-host", "m", "--sim-flash", "{dir}", ExpectedResult = "--village")]
    public async Task<string> A_bad_argument_is_refused_before_the_cloud_is_called(params string[] arguments)
    {
        var dir = TestServers.NewDirectory("args");
        var (code, error) = await RunSealctlAsync([.. arguments.Select(a => a.Replace("{dir}", dir, StringComparison.Ordinal))]);

        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(Directory.EnumerateFileSystemEntries(dir), Is.Empty, "nothing written");
        return KnownFragments.First(f => error.Contains(f, StringComparison.Ordinal));
    }

    [Test]
    public async Task Valid_arguments_do_reach_the_cloud_so_exit_code_2_above_means_stopped_before_it()
    {
        var dir = TestServers.NewDirectory("args-ok");
        var (code, error) = await RunSealctlAsync(["--village", "village-prov", "--name", "x", "--gateway-url", "http://gateway.example:8080", "--mqtt-host", "m", "--sim-flash", dir]);

        Assert.That(code, Is.EqualTo(3), error);
        Assert.That(error, Does.Contain("the cloud answered Unavailable"));
    }

    [Test]
    public void The_deployment_description_has_the_field_names_nanoff_reads()
    {
        var json = DeploymentDescription.ForBundle("/dev/ttyUSB0", "/tmp/provision-cab.bin").ToJson();

        using var document = JsonDocument.Parse(json);
        Assert.That(document.RootElement.GetProperty("SerialPort").GetString(), Is.EqualTo("/dev/ttyUSB0"));
        var file = document.RootElement.GetProperty("Files").EnumerateArray().Single();
        Assert.That(file.GetProperty("DestinationFilePath").GetString(), Is.EqualTo("I:\\provision.bin"));
        Assert.That(file.GetProperty("SourceFilePath").GetString(), Is.EqualTo("/tmp/provision-cab.bin"));
        Assert.That(document.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "SerialPort", "Files" }));
    }

    [Test]
    public void A_cabinet_that_never_called_home_gets_a_diagnosis_from_what_the_cloud_saw()
    {
        Assert.That(CommissioningReport.Diagnose(new Cabinet { AuthFailures = 3 }), Does.StartWith("wrong secret"));
        Assert.That(CommissioningReport.Diagnose(new Cabinet { LastRejection = "BAD_MAC" }), Does.StartWith("wrong secret"));
        Assert.That(CommissioningReport.Diagnose(new Cabinet { NoTrustedTimeRefusals = 2 }), Does.StartWith("clock"));
        Assert.That(CommissioningReport.Diagnose(new Cabinet { Online = true }), Does.StartWith("MQTT works"));
        Assert.That(CommissioningReport.Diagnose(new Cabinet()), Does.StartWith("never connected").And.Contain("Wi-Fi").And.Contain("TLS"));
    }

    [Test]
    public void A_cabinet_that_called_home_without_a_self_test_is_told_to_re_provision_it_with_options_sealctl_has()
    {
        var diagnosis = CommissioningReport.Diagnose(new Cabinet { DeviceId = "cab-0123456789abcdef", Status = CabinetStatus.Active, LastSeq = 4 });

        Assert.That(diagnosis, Does.Contain("sealctl provision --device-id cab-0123456789abcdef"));
        var options = ProvisionCommand.Create().Options.Select(o => o.Name).ToHashSet();
        var named = System.Text.RegularExpressions.Regex.Matches(diagnosis, "--[a-z-]+").Select(m => m.Value);
        Assert.That(named, Is.SubsetOf(options), "every option the diagnosis names exists");
    }

    private static readonly string[] KnownFragments = ["--device-id keeps", "--sleeve", "--serial-port PORT", "exclude each other", "--ca-cert", "--gateway-url", "--mqtt-port", "--wifi-file", "--device-id re-provisions", "--village"];

    private ProvisionArguments Arguments(string flash, string bundle) => new()
    {
        VillageId = _village.VillageId,
        Name = "测试柜",
        Location = "room 1",
        Sleeves = [SealKind.Cooperative, SealKind.Party, SealKind.Committee],
        GatewayUrl = _host.BaseAddress.ToString(),
        MqttHost = "127.0.0.1",
        MqttPort = (uint)_host.EmbeddedBrokerPort,
        MqttTls = false,
        CaCertificatePem = "",
        SimFlashDirectory = flash,
        BundlePath = bundle,
        ForceWipe = false,
        Wait = TimeSpan.Zero,
    };

    private static async Task<(int Code, string Error)> RunSealctlAsync(string[] arguments)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var code = await SealctlApp.RunAsync(["provision", "--url", "http://127.0.0.1:9", "--token", "t", .. arguments]);
            return (code, error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    /// <summary>The in-process server has no synchronous Send; the firmware's transport (like the ESP32's HttpClient) is synchronous.</summary>
    private sealed class SynchronousHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            SendAsync(request, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>A camera module whose frames are the smallest JPEG the firmware's check accepts: SOI, SOF0 640×480, EOI.</summary>
    private sealed class FrameCamera : ICameraCapture
    {
        public byte[]? Capture(SealCabinet.Firmware.Core.Messages.EvidenceKind kind) =>
            [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9];
    }

    private static CabinetBoard Board(IFlashStore flash, IHttpTransport http, IMqttChannel mqtt) => new()
    {
        Solenoids = [new SimulatedOutput(), new SimulatedOutput(), new SimulatedOutput()],
        PressSensors = [new SimulatedInput(), new SimulatedInput(), new SimulatedInput()],
        SeatSensors = [new SimulatedInput(true), new SimulatedInput(true), new SimulatedInput(true)],
        StampButtons = [new SimulatedInput(), new SimulatedInput(), new SimulatedInput()],
        TamperSwitch = new SimulatedInput(),
        CameraTrigger = new SimulatedOutput(),
        StatusLed = new SimulatedOutput(),
        Buzzer = new SimulatedOutput(),
        Camera = new FrameCamera(),
        Clock = new SystemMonotonicClock(),
        Flash = flash,
        Http = http,
        Mqtt = mqtt,
        Mac = new ManagedMacProvider(),
        Random = new SystemRandomSource(),
    };
}
