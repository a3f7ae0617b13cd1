using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using SealCabinet.Cloud.Tool.Infrastructure;
using SealCabinet.Cloud.Tool.Provisioning;
using SealCabinet.Contracts.V1;
using SealCabinet.Firmware.Core.Configuration;

namespace SealCabinet.Cloud.Tool.Commands;

/// <summary>
/// `sealctl provision`: validate every argument, register the cabinet (or give a registered one a new secret),
/// build the provisioning bundle, put it on the cabinet (nanoff over USB, or a simulated cabinet's flash), then
/// wait for the cabinet to call home and report its self-test. Exit codes: 0 commissioned, 2 bad arguments,
/// 3 cloud error, 4 deployment failed (rolled back or told how to finish), 5 not commissioned within --wait.
/// </summary>
internal static class ProvisionCommand
{
    public const int DeploymentFailed = 4;
    public const int NotCommissioned = 5;

    private static readonly Option<string?> Village = new("--village") { Description = "Village the cabinet stands in (new registration)" };
    private static readonly Option<string?> Name = new("--name") { Description = "Cabinet name (new registration)" };
    private static readonly Option<string?> Location = new("--location") { Description = "Where it stands" };
    private static readonly Option<string?> DeviceId = new("--device-id") { Description = "Re-provision this registered cabinet: a new secret replaces the old one at once" };
    private static readonly Option<string[]> Sleeve = new("--sleeve") { Description = "Sleeve mapping N=KIND, three times (default 1=party 2=committee 3=cooperative)", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string> Gateway = new("--gateway-url") { Description = "gRPC-Web base URL the cabinet calls (http:// or https://)", Required = true };
    private static readonly Option<string> MqttHost = new("--mqtt-host") { Description = "MQTT broker host the cabinet connects to", Required = true };
    private static readonly Option<int?> MqttPort = new("--mqtt-port") { Description = "MQTT broker port (default 1883, 8883 with --mqtt-tls)" };
    private static readonly Option<bool> MqttTls = new("--mqtt-tls") { Description = "Connect to the broker over TLS" };
    private static readonly Option<string?> CaCert = new("--ca-cert") { Description = "CA certificate (PEM) of the gateway and broker certificates; put into the bundle" };
    private static readonly Option<string?> WifiFile = new("--wifi-file") { Description = "File with 'ssid=…' and 'password=…' lines (otherwise asked on the terminal)" };
    private static readonly Option<string?> SerialPort = new("--serial-port") { Description = "USB serial port of the cabinet (e.g. /dev/ttyUSB0, COM3)" };
    private static readonly Option<string?> SimFlash = new("--sim-flash") { Description = "Write the bundle into a simulated cabinet's flash directory instead" };
    private static readonly Option<string?> Bundle = new("--bundle") { Description = "Where to write the bundle file (default ./provision-<device id>.bin; holds the secret: delete it after deployment)" };
    private static readonly Option<bool> NoEvidence = new("--no-evidence") { Description = "Do not photograph the documents and the person stamping (only for a cabinet without a camera module); photos are on by default" };
    private static readonly Option<bool> ForceWipe = new("--force-wipe") { Description = "Let the cabinet drop events it has not uploaded yet (recorded as FACTORY_RESET); asks for confirmation" };
    private static readonly Option<bool> Yes = new("--yes") { Description = "Confirm --force-wipe without asking" };
    private static readonly Option<int> WaitSeconds = new("--wait") { Description = "Seconds to wait for the cabinet's first event and self-test (0: do not wait)", DefaultValueFactory = _ => 300 };

    public static Command Create()
    {
        var command = new Command("provision", "Register, build the provisioning bundle, deploy it to the cabinet and wait for its self-test")
        {
            Village, Name, Location, DeviceId, Sleeve, Gateway, MqttHost, MqttPort, MqttTls, CaCert, WifiFile, SerialPort, SimFlash, Bundle, NoEvidence, ForceWipe, Yes, WaitSeconds,
        };
        command.SetAction(async (parse, ct) =>
        {
            int outcome = 0;
            int code = await Handler.Run(async (p, c) => outcome = await RunAsync(p, Console.In, Console.Out, c))(parse, ct);
            return code == 0 ? outcome : code;
        });
        return command;
    }

    /// <summary>Checks every argument without touching the cloud or the device (Wi-Fi is read separately).</summary>
    public static ProvisionArguments Validate(ParseResult parse)
    {
        var existing = parse.GetValue(DeviceId);
        string? village = null;
        string? name = null;
        if (existing is null)
        {
            village = Checks.Slug(parse.GetValue(Village), "--village");
            name = Checks.Text(parse.GetValue(Name), "--name", 100);
        }
        else if (parse.GetValue(Village) is not null || parse.GetValue(Name) is not null)
        {
            throw new UsageException("--device-id re-provisions a registered cabinet: leave out --village and --name");
        }
        else if (parse.GetValue(Sleeve) is { Length: > 0 })
        {
            throw new UsageException("--device-id keeps the sleeves as registered (the bundle carries them): leave out --sleeve");
        }
        else if (existing.Length is 0 or > 64 || !existing.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-'))
        {
            throw new UsageException($"--device-id: '{existing}' is not a device id (1..64 of A-Z a-z 0-9 . _ -)");
        }

        var gateway = parse.GetValue(Gateway)!;
        if (!Uri.TryCreate(gateway, UriKind.Absolute, out var gatewayUri) || (gatewayUri.Scheme != "http" && gatewayUri.Scheme != "https"))
        {
            throw new UsageException($"--gateway-url: '{gateway}' is not an http(s) address");
        }

        var mqttHost = parse.GetValue(MqttHost)!.Trim();
        if (mqttHost.Length == 0 || Uri.CheckHostName(mqttHost) == UriHostNameType.Unknown)
        {
            throw new UsageException($"--mqtt-host: '{mqttHost}' is not a host name or address");
        }

        var tls = parse.GetValue(MqttTls);
        var port = parse.GetValue(MqttPort) ?? (tls ? 8883 : 1883);
        if (port is < 1 or > 65535)
        {
            throw new UsageException($"--mqtt-port must be 1..65535 (is {port})");
        }

        var serialPort = parse.GetValue(SerialPort);
        var simFlash = parse.GetValue(SimFlash);
        if (serialPort is not null && simFlash is not null)
        {
            throw new UsageException("--serial-port and --sim-flash exclude each other");
        }

        if (serialPort is null && simFlash is null)
        {
            throw new UsageException("say where the bundle goes: --serial-port PORT (a cabinet on USB) or --sim-flash DIR (a simulated cabinet)");
        }

        if (serialPort is not null && (serialPort.Trim().Length == 0 || serialPort.Any(char.IsWhiteSpace)))
        {
            throw new UsageException($"--serial-port: '{serialPort}' is not a port name");
        }

        var wait = parse.GetValue(WaitSeconds);
        if (wait is < 0 or > 3600)
        {
            throw new UsageException($"--wait must be 0..3600 seconds (is {wait})");
        }

        var force = parse.GetValue(ForceWipe);
        var arguments = new ProvisionArguments
        {
            VillageId = village,
            Name = name,
            Location = Checks.Text(parse.GetValue(Location), "--location", 200, required: false),
            ExistingDeviceId = existing,
            Sleeves = ProvisionArguments.ParseSleeves(parse.GetValue(Sleeve)),
            GatewayUrl = gateway,
            MqttHost = mqttHost,
            MqttPort = (uint)port,
            MqttTls = tls,
            CaCertificatePem = ProvisionArguments.ReadCaCertificate(parse.GetValue(CaCert), gatewayUri.Scheme == "https" || tls),
            SerialPort = serialPort,
            SimFlashDirectory = simFlash,
            BundlePath = parse.GetValue(Bundle) ?? "",
            EvidenceCapture = !parse.GetValue(NoEvidence),
            ForceWipe = force,
            Wait = TimeSpan.FromSeconds(wait),
        };
        if (force && !parse.GetValue(Yes) && Console.IsInputRedirected)
        {
            throw new UsageException("--force-wipe drops the cabinet's un-uploaded events: confirm with --yes when not on a terminal");
        }

        return arguments;
    }

    private static async Task<int> RunAsync(ParseResult parse, TextReader input, TextWriter output, CancellationToken ct)
    {
        var args = Validate(parse);
        var wifiFile = parse.GetValue(WifiFile);
        if (wifiFile is not null)
        {
            args.Wifi = WifiCredentials.FromFile(wifiFile);
        }
        else if (args.SimFlashDirectory is null)
        {
            // A real cabinet needs Wi-Fi; a simulated one has no radio.
            args.Wifi = Console.IsInputRedirected
                ? throw new UsageException("Wi-Fi credentials: pass --wifi-file FILE (the terminal is not interactive)")
                : WifiCredentials.Ask(input, output, WifiCredentials.ReadHidden);
        }

        args.CheckBundleFields();
        if (args.SimFlashDirectory is not null)
        {
            CheckWritable(args.SimFlashDirectory);
        }

        if (args.ForceWipe && !parse.GetValue(Yes))
        {
            output.WriteLine("WARNING: --force-wipe lets the cabinet DROP every event it has not uploaded yet (stampings, alarms).");
            output.WriteLine("The drop is recorded (FACTORY_RESET with the count) but the events are lost. Type WIPE to go on:");
            if (input.ReadLine()?.Trim() != "WIPE")
            {
                throw new UsageException("--force-wipe not confirmed; nothing was changed");
            }
        }

        var nanoff = args.SerialPort is null ? null : Nanoff.FindOnPath(Environment.GetEnvironmentVariable("PATH"));
        using var cloud = CloudConnection.Connect(parse);
        return await ProvisionAsync(args, cloud, nanoff, output, ct);
    }

    /// <summary>Everything after the checks: register, bundle, deploy, wait (arguments already validated).</summary>
    internal static async Task<int> ProvisionAsync(ProvisionArguments args, CloudConnection cloud, string? nanoff, TextWriter output, CancellationToken ct)
    {
        var (deviceId, secret, epoch, sleeves) = await IdentityAsync(cloud, args, output, ct);

        // An external broker (Mosquitto, EMQX) needs the cabinet's MQTT login in its password file (docs/cloud.md).
        output.WriteLine($"mqtt password (external broker only: add it for {deviceId} to the broker's password file): {DeviceKeys.MqttPassword(secret)}");
        var bundlePath = args.BundlePath.Length > 0 ? args.BundlePath : Path.Combine(Environment.CurrentDirectory, $"provision-{deviceId}.bin");
        try
        {
            var bundle = ProvisioningFile.Encode(args.ToConfiguration(deviceId, secret, epoch, sleeves));
            WriteSecretFile(bundlePath, bundle);
            output.WriteLine($"bundle: {bundlePath} ({bundle.Length} bytes; it holds the device secret: delete it once deployed)");
            if (args.SimFlashDirectory is not null)
            {
                var target = Path.Combine(args.SimFlashDirectory, ProvisioningFile.FileName);
                WriteSecretFile(target, bundle);
                output.WriteLine($"deployed into the simulated cabinet's flash: {target}");
            }
            else
            {
                var descriptionPath = Path.ChangeExtension(bundlePath, ".deploy.json");
                File.WriteAllText(descriptionPath, DeploymentDescription.ForBundle(args.SerialPort!, bundlePath).ToJson());
                if (nanoff is null)
                {
                    output.WriteLine("nanoff is not on PATH (install it: dotnet tool install -g nanoff). Run these with the cabinet on USB:");
                    foreach (var line in Nanoff.ManualCommands(args.SerialPort!, descriptionPath))
                    {
                        output.WriteLine("  " + line);
                    }

                    output.WriteLine($"The cabinet {deviceId} is registered and waits for that file. To undo instead: sealctl decommission --device-id {deviceId} --reason \"provisioning abandoned\"");
                    return 0;
                }

                var (exit, log) = await Nanoff.DeployAsync(nanoff, descriptionPath, args.SerialPort!, ct);
                if (exit != 0)
                {
                    throw new DeploymentException($"nanoff --filedeployment exited with {exit}: {log.Trim()}");
                }

                output.WriteLine($"deployed {DeploymentDescription.DevicePath} over {args.SerialPort}");
            }
        }
        catch (Exception e) when (e is DeploymentException or IOException or UnauthorizedAccessException)
        {
            return await RollBackAsync(cloud, args, deviceId, bundlePath, e.Message, output);
        }

        if (args.Wait == TimeSpan.Zero)
        {
            output.WriteLine($"not waiting (--wait 0); check later: sealctl devices list --village {args.VillageId ?? "<village>"}");
            return 0;
        }

        return await WaitAndReportAsync(cloud, deviceId, args.Wait, output, ct);
    }

    /// <summary>The identity the bundle carries, with the sleeve mapping the cloud holds for it (a re-provisioned cabinet keeps its registered one).</summary>
    private static async Task<(string DeviceId, byte[] Secret, uint Epoch, SealKind[] Sleeves)> IdentityAsync(CloudConnection cloud, ProvisionArguments args, TextWriter output, CancellationToken ct)
    {
        if (args.ExistingDeviceId is { } existing)
        {
            var cabinet = (await cloud.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = existing }, cancellationToken: ct)).Cabinet;
            uint epoch = Math.Max(1, cabinet.ChainEpoch);
            if (args.ForceWipe)
            {
                var restart = await cloud.Devices.AuthorizeChainRestartAsync(new AuthorizeChainRestartRequest { DeviceId = existing, Reason = "re-provisioned with --force-wipe by sealctl provision" }, cancellationToken: ct);
                epoch = restart.NextChainEpoch;
                output.WriteLine($"chain restart authorised: the cabinet starts epoch {epoch}");
            }

            var rotated = await cloud.Devices.RotateDeviceSecretAsync(new RotateDeviceSecretRequest { DeviceId = existing }, cancellationToken: ct);
            output.WriteLine($"new secret for {existing}: the old one no longer works, so the cabinet is silent until this bundle is on it");
            return (existing, rotated.DeviceSecret.ToByteArray(), epoch, RegisteredSleeves(cabinet));
        }

        var request = new RegisterCabinetRequest { VillageId = args.VillageId!, Name = args.Name!, Location = args.Location };
        for (int i = 0; i < args.Sleeves.Length; i++)
        {
            request.Sleeves.Add(new Sleeve { Number = (uint)(i + 1), SealKind = args.Sleeves[i] });
        }

        var response = await cloud.Devices.RegisterCabinetAsync(request, cancellationToken: ct);
        output.WriteLine($"registered cabinet {response.Cabinet.DeviceId} in {response.Cabinet.VillageId}");
        return (response.Cabinet.DeviceId, response.DeviceSecret.ToByteArray(), 1, args.Sleeves);
    }

    private static SealKind[] RegisteredSleeves(Cabinet cabinet)
    {
        var kinds = new SealKind[3];
        foreach (var sleeve in cabinet.Sleeves)
        {
            if (sleeve.Number is >= 1 and <= 3)
            {
                kinds[sleeve.Number - 1] = sleeve.SealKind;
            }
        }

        return kinds;
    }

    private static async Task<int> RollBackAsync(CloudConnection cloud, ProvisionArguments args, string deviceId, string bundlePath, string why, TextWriter output)
    {
        output.WriteLine("deployment failed: " + why);
        if (args.ExistingDeviceId is not null)
        {
            output.WriteLine($"The secret of {deviceId} was already rotated: finish by deploying {bundlePath} (nanoff --filedeployment {Path.ChangeExtension(bundlePath, ".deploy.json")} --serialport {args.SerialPort ?? "<port>"}) or run sealctl provision --device-id {deviceId} again.");
            return DeploymentFailed;
        }

        try
        {
            await cloud.Devices.DecommissionCabinetAsync(new DecommissionCabinetRequest { DeviceId = deviceId, Reason = "provisioning aborted: " + why });
            output.WriteLine($"rolled back: cabinet {deviceId} decommissioned, nothing stays registered that is not on a device.");
            if (File.Exists(bundlePath))
            {
                File.Delete(bundlePath);
            }
        }
        catch (Grpc.Core.RpcException e)
        {
            output.WriteLine($"ROLL BACK BY HAND: cabinet {deviceId} is registered but not on a device; the cloud refused the decommission ({e.Status.Detail}). Run: sealctl decommission --device-id {deviceId} --reason \"provisioning aborted\"");
        }

        return DeploymentFailed;
    }

    internal static async Task<int> WaitAndReportAsync(CloudConnection cloud, string deviceId, TimeSpan wait, TextWriter output, CancellationToken ct)
    {
        output.WriteLine($"waiting up to {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s for {deviceId}'s first event and self-test…");
        var until = DateTimeOffset.UtcNow + wait;
        Cabinet cabinet;
        while (true)
        {
            cabinet = (await cloud.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = deviceId }, cancellationToken: ct)).Cabinet;
            if (CommissioningReport.IsComplete(cabinet) || DateTimeOffset.UtcNow >= until)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }

        output.WriteLine("commissioning report");
        output.WriteLine($"  device       {cabinet.DeviceId} ({cabinet.Name}, {cabinet.VillageId})");
        output.WriteLine($"  status       {cabinet.Status}, {(cabinet.Online ? "online" : "offline")} on MQTT");
        output.WriteLine($"  events       last seq {cabinet.LastSeq} of epoch {cabinet.ChainEpoch}, last at {(cabinet.LastEventTime is null ? "never" : cabinet.LastEventTime.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture))}");
        output.WriteLine($"  sleeves      {string.Join(", ", cabinet.Sleeves.Select(s => $"{s.Number}={s.SealKind}"))}");
        output.WriteLine(cabinet.RosterVersion > 0
            ? $"  roster       v{cabinet.RosterVersion.ToString(CultureInfo.InvariantCulture)} of the village's custodians held"
            : "  roster       not confirmed yet (the cabinet names the version it holds at its next grant query; until it holds one nobody can open a sleeve)");
        if (cabinet.LastSelfTest.Length > 0)
        {
            foreach (var (name, value) in CommissioningReport.SelfTest(cabinet.LastSelfTest))
            {
                output.WriteLine($"  self-test    {name,-8} {value}");
            }
        }

        if (CommissioningReport.IsComplete(cabinet))
        {
            var passed = cabinet.LastSelfTest.Contains("result=pass", StringComparison.Ordinal);
            output.WriteLine(passed ? "COMMISSIONED" : "CALLED HOME, SELF-TEST NOT PASSED: see the per-sleeve SELF_TEST events (docs/technician-guide.md, Self-test)");
            return passed ? 0 : NotCommissioned;
        }

        output.WriteLine("NOT COMMISSIONED within the wait: " + CommissioningReport.Diagnose(cabinet));
        return NotCommissioned;
    }

    private static void CheckWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, ".sealctl-probe");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--sim-flash: cannot write into '{directory}' ({e.Message})");
        }
    }

    /// <summary>Writes whole-or-nothing (temp file, then move) and, on Unix, readable by the owner only.</summary>
    private static void WriteSecretFile(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private sealed class DeploymentException(string message) : Exception(message);
}
