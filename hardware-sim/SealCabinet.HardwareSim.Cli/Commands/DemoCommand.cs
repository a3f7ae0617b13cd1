using System.CommandLine;
using SealCabinet.HardwareSim.Demo;

namespace SealCabinet.HardwareSim.Cli.Commands;

/// <summary>
/// <c>demo</c>: starts the cloud service in embedded mode, sets up 义桥村 and a simulated cabinet, and plays the
/// article's story in nine steps on a timeline. Exit code 0 when every step did what the article says.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Data directory for the cloud and the cabinet (default: .data/demo/<time> under the repository)" };
        var cloudDll = new Option<FileInfo?>("--cloud-dll") { Description = "SealCabinet.Cloud.Service.dll (default: the build output under artifacts/)" };
        var keep = new Option<bool>("--keep") { Description = "Leave the cloud and the cabinet running afterwards (Ctrl+C stops them)" };
        var command = new Command("demo", "Play the article's story end to end against the real cloud service") { data, cloudDll, keep };
        command.SetAction(async (result, cancellationToken) =>
        {
            var root = RepositoryRoot();
            var dll = result.GetValue(cloudDll)?.FullName ?? DefaultCloudDll(root);
            var directory = result.GetValue(data)?.FullName ?? Path.Combine(root ?? Directory.GetCurrentDirectory(), ".data", "demo", DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            var options = new DemoOptions { Cloud = new CloudServiceOptions { ServiceDll = dll, DataDirectory = directory } };
            await using var story = new DemoStory(options, Console.WriteLine);
            var report = await story.RunAsync(cancellationToken);
            Console.WriteLine();
            Console.WriteLine(report.Succeeded
                ? $"demo complete: all nine steps passed. Cloud data: {report.DataDirectory}; cabinet flash: {report.CabinetFlash}"
                : $"demo FAILED at {(report.Steps.LastOrDefault() is { } failed ? $"step {failed.Number} ({failed.Title}): {failed.Detail}" : "start")}. Data: {directory}");
            if (!report.Succeeded && story.Cloud is { } cloud)
            {
                await Console.Error.WriteLineAsync("cloud service log (last lines):");
                await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, cloud.Output.Split(Environment.NewLine).TakeLast(30)));
            }

            if (result.GetValue(keep) && story.Cloud is { } running && story.Cabinet is { } cabinet)
            {
                Console.WriteLine();
                Console.WriteLine("kept running (Ctrl+C stops the cabinet and the cloud):");
                Console.WriteLine($"  cloud pid {running.ProcessId}: gRPC {running.GrpcUrl} (sealctl, tools), gRPC-Web {running.GrpcWebUrl} (cabinets), MQTT {running.MqttHost}:{running.MqttPort}");
                Console.WriteLine($"  cabinet {cabinet.DeviceId} in village {DemoStory.VillageId}, flash {cabinet.FlashDirectory}");
                Console.WriteLine($"  web console {running.ConsoleUrl} — each person enrols a passkey once with their link (valid 72 h), then signs in:");
                foreach (var (person, link) in await story.InviteToConsoleAsync(cancellationToken))
                {
                    Console.WriteLine($"    {person}: {link}");
                }

                PrintSealctlHints(running, root);
                Console.WriteLine("  the cabinet: on a terminal the live view (keys 1-3, a PIN pad, h card, k stamp button, l lift, p press, r return,");
                Console.WriteLine("  q quits); otherwise one scenario step per stdin line (pin " + DemoStory.CustodianPin + ", button 2, lift 2, press 2, return 2, force 1, …; quit ends)");
                await RunCommand.OperateAsync(cabinet, plain: false, untilCancelled: true, cancellationToken);
            }

            return report.Succeeded ? 0 : 1;
        });
        return command;
    }

    /// <summary>Prints the ready-made sealctl lines for <paramref name="cloud"/> (the demo's people, a request, the supervisor's checks).</summary>
    internal static void PrintSealctlHints(CloudServiceProcess cloud, string? root)
    {
        Console.WriteLine("  sealctl, for a POSIX shell (run the lines in order):");
        foreach (var line in SealctlHints.Lines(cloud.GrpcUrl, cloud.ConsoleUrl, cloud.DataDirectory, cloud.ConsoleOrigins, root, cloud.TrustedRoots))
        {
            Console.WriteLine("    " + line);
        }
    }

    internal static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SealCabinet.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    internal static string DefaultCloudDll(string? root)
    {
        // The configuration sealsim itself was built in first (artifacts/bin/SealCabinet.HardwareSim.Cli/{configuration}/), so that a
        // Release demo never picks up a stale Debug service or the other way round.
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var output = Path.Combine(root ?? Directory.GetCurrentDirectory(), "artifacts", "bin", "SealCabinet.Cloud.Service");
        foreach (var configuration in new[] { own, "release", "debug" })
        {
            var candidate = Path.Combine(output, configuration, "SealCabinet.Cloud.Service.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(output, "release", "SealCabinet.Cloud.Service.dll");
    }
}
