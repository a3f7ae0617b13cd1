using System.CommandLine;
using SealCabinet.HardwareSim.Cabinet;
using SealCabinet.HardwareSim.Cli.LiveView;
using SealCabinet.HardwareSim.Scenario;
using Spectre.Console;

namespace SealCabinet.HardwareSim.Cli.Commands;

/// <summary>
/// <c>run</c>: one cabinet against a cloud endpoint. On a terminal: a live view driven by keys. With stdin
/// redirected (or <c>--plain</c>): a printed timeline, and each input line is a scenario step (<c>lift 2</c>…).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var flash = CommonOptions.Flash();
        var deviceId = CommonOptions.DeviceId();
        var secret = CommonOptions.Secret();
        var gateway = CommonOptions.Gateway();
        var mqtt = CommonOptions.Mqtt();
        var sleeves = CommonOptions.Sleeves();
        var plain = new Option<bool>("--plain") { Description = "No live view: print the timeline and read steps from stdin" };
        var command = new Command("run", "Run one simulated cabinet (provisioning it first when --device-id, --secret, --gateway and --mqtt are given)")
        {
            flash, deviceId, secret, gateway, mqtt, sleeves, plain,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = result.GetValue(flash)!.FullName;
            try
            {
                CommonOptions.ProvisionIfRequested(directory, result.GetValue(deviceId), result.GetValue(secret), result.GetValue(gateway), result.GetValue(mqtt), result.GetValue(sleeves)!, evidence: true);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            using var cabinet = new SimulatedCabinet(new SimulatedCabinetOptions { FlashDirectory = directory });
            if (cabinet.ProvisioningProblem is { } problem)
            {
                await Console.Error.WriteLineAsync($"warning: {problem}; the firmware will stay in its fault state (provision with: sealsim provision --flash {directory} ...)");
            }

            cabinet.PowerOn();
            return await OperateAsync(cabinet, result.GetValue(plain), untilCancelled: false, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Hands a powered cabinet to the user: the live view with key commands on an interactive terminal, otherwise the
    /// plain timeline with one scenario step per stdin line. <paramref name="untilCancelled"/> keeps the plain mode
    /// running after stdin ends (until Ctrl+C), for a cabinet that others use meanwhile.
    /// </summary>
    public static async Task<int> OperateAsync(SimulatedCabinet cabinet, bool plain, bool untilCancelled, CancellationToken cancellationToken)
    {
        if (!plain && !Console.IsInputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await RunLiveAsync(cabinet, cancellationToken);
        }

        var endOfInput = await RunPlainAsync(cabinet, cancellationToken);
        if (untilCancelled && endOfInput)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C.
            }
        }

        return 0;
    }

    /// <returns>True when stdin ended, false after <c>quit</c>.</returns>
    private static async Task<bool> RunPlainAsync(SimulatedCabinet cabinet, CancellationToken cancellationToken)
    {
        var timeline = new Timeline(cabinet);
        var runner = new ScenarioRunner(cabinet, timeline.Write);
        var number = 0;
        while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.Trim() == "quit")
            {
                return false;
            }

            try
            {
                await runner.RunStepAsync(ScenarioParser.ParseLine(line, number), cancellationToken);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or TimeoutException or ArgumentException)
            {
                timeline.Write($"error: {e.Message}");
            }
        }

        return true;
    }

    private static async Task<int> RunLiveAsync(SimulatedCabinet cabinet, CancellationToken cancellationToken)
    {
        var keys = new KeyCommands(cabinet);
        var notes = new List<string>();
        cabinet.Note += note =>
        {
            lock (notes)
            {
                notes.Add($"{DateTime.Now:HH:mm:ss} {note}");
            }
        };

        await AnsiConsole.Live(new Markup("starting…")).AutoClear(false).StartAsync(async context =>
        {
            var running = true;
            while (running && !cancellationToken.IsCancellationRequested)
            {
                while (running && Console.KeyAvailable)
                {
                    var key = Console.ReadKey(intercept: true).KeyChar;
                    try
                    {
                        running = keys.Handle(key);
                    }
                    catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                    {
                        lock (notes)
                        {
                            notes.Add($"{DateTime.Now:HH:mm:ss} refused: {e.Message}");
                        }
                    }
                }

                string[] shown;
                lock (notes)
                {
                    shown = [.. notes.TakeLast(5)];
                }

                context.UpdateTarget(CabinetView.Render(cabinet.Snapshot(), keys, cabinet.Events, shown));
                await Task.Delay(150, CancellationToken.None);
            }
        });
        return 0;
    }
}
