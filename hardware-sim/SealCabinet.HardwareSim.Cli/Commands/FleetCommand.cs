using System.CommandLine;
using System.Diagnostics;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.HardwareSim.Cabinet;
using SealCabinet.HardwareSim.Cli.Fleet;
using SealCabinet.HardwareSim.Provisioning;
using Spectre.Console;

namespace SealCabinet.HardwareSim.Cli.Commands;

/// <summary>
/// <c>fleet</c>: many cabinets in one process for load and soak. Identities come from <c>--devices</c> (as registered
/// in the cloud) or are generated and written to devices.csv for registration. Each sleeve a grant makes READY gets its
/// stamp button pushed and is stamped once automatically (lift, press, return), so grants complete whole cycles; the
/// custodian types <c>--pin</c> first, without which the cabinets refuse every stamp button.
/// </summary>
internal static class FleetCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--cabinets") { Description = "Number of cabinets", DefaultValueFactory = _ => 10 };
        var work = new Option<DirectoryInfo>("--work") { Description = "Directory for the cabinets' flash directories", Required = true };
        var devices = new Option<FileInfo?>("--devices") { Description = "device_id,secret_hex lines of registered cabinets (default: generate and write devices.csv)" };
        var gateway = CommonOptions.Gateway();
        var mqtt = CommonOptions.Mqtt();
        var duration = new Option<string>("--duration") { Description = "How long to run (e.g. 60s, 10m)", DefaultValueFactory = _ => "60s" };
        var evidence = new Option<bool>("--evidence") { Description = "Take and upload photos (CPU-heavy with many cabinets)" };
        var tick = new Option<int>("--tick-ms") { Description = "Firmware tick interval per cabinet", DefaultValueFactory = _ => 20 };
        var pin = new Option<string?>("--pin") { Description = "PIN of the custodian the grants name, typed before each stamp button (without it every stamp button is refused)" };
        var command = new Command("fleet", "Run many simulated cabinets in one process with a summary") { count, work, devices, gateway, mqtt, duration, evidence, tick, pin };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var credential = result.GetValue(pin) is { } digits ? CustodianCredential.WithPin(digits) : null;
                return await RunAsync(result.GetValue(count), result.GetValue(work)!, result.GetValue(devices), result.GetValue(gateway), result.GetValue(mqtt), result.GetValue(duration)!, result.GetValue(evidence), result.GetValue(tick), credential, cancellationToken);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(int count, DirectoryInfo work, FileInfo? devicesFile, string? gateway, string? mqtt, string durationText, bool evidence, int tickMs, CustodianCredential? credential, CancellationToken cancellationToken)
    {
        if (count is < 1 or > 5000)
        {
            throw new ArgumentException($"--cabinets must be 1..5000 (is {count})");
        }

        if (!Scenario.ScenarioParser.TryParseDuration(durationText, out var duration))
        {
            throw new ArgumentException($"--duration '{durationText}' is not a duration (use e.g. 60s, 10m)");
        }

        if (gateway is null || mqtt is null)
        {
            throw new ArgumentException("give --gateway and --mqtt");
        }

        var (host, port) = CommonOptions.ParseBroker(mqtt);
        work.Create();
        IReadOnlyList<FleetDevice> identities;
        if (devicesFile is not null)
        {
            identities = FleetDevice.Read(devicesFile.FullName);
            if (identities.Count < count)
            {
                throw new ArgumentException($"--devices lists {identities.Count} cabinets, fewer than --cabinets {count}");
            }
        }
        else
        {
            identities = [.. Enumerable.Range(1, count).Select(i => new FleetDevice($"sim-{i:D5}", ProvisionFile.NewSecret()))];
            var written = Path.Combine(work.FullName, "devices.csv");
            FleetDevice.Write(written, identities);
            Console.WriteLine($"generated {count} identities in {written}: the cloud must know them for its acks");
        }

        var cabinets = new List<SimulatedCabinet>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            foreach (var identity in identities.Take(count))
            {
                var flash = Path.Combine(work.FullName, identity.DeviceId);
                ProvisionFile.Write(flash, new CabinetProvisioning
                {
                    DeviceId = identity.DeviceId,
                    DeviceSecret = identity.Secret,
                    GatewayUrl = gateway,
                    MqttHost = host,
                    MqttPort = port,
                    EvidenceCapture = evidence,
                });
                var cabinet = new SimulatedCabinet(new SimulatedCabinetOptions { FlashDirectory = flash, TickIntervalMs = tickMs, DocumentSeed = evidence ? cabinets.Count : null });
                cabinet.EventRecorded += e =>
                {
                    if (e.Type == EventType.GrantAccepted)
                    {
                        _ = StampQuietlyAsync(cabinet, (int)e.Event.Sleeve, credential, stop.Token);
                    }
                };
                cabinets.Add(cabinet);
                cabinet.PowerOn();
            }

            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, Math.Max(1, (duration - clock.Elapsed).TotalSeconds))), CancellationToken.None);
                AnsiConsole.Write(FleetSummary.Build(cabinets, clock.Elapsed));
            }

            return 0;
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var cabinet in cabinets)
            {
                cabinet.Dispose();
            }
        }
    }

    private static async Task StampQuietlyAsync(SimulatedCabinet cabinet, int sleeve, CustodianCredential? credential, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            var patience = TimeSpan.FromSeconds(30);
            await (credential is null
                ? Custodian.StampAsync(cabinet, sleeve, 1, patience, cancellationToken)
                : Custodian.StampAsync(cabinet, sleeve, 1, credential, patience, cancellationToken));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            // A cycle that could not be completed (PIN or button refused, power cut, READY or unlock window over) shows in the events.
        }
    }
}
