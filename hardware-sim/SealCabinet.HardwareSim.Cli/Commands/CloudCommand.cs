using System.CommandLine;
using SealCabinet.HardwareSim.Demo;

namespace SealCabinet.HardwareSim.Cli.Commands;

/// <summary>
/// <c>cloud</c>: starts the cloud service again on a demo's data directory, as the demo ran it (embedded mode, Development
/// environment for the generated keys, free loopback ports), prints the sealctl lines and runs until Ctrl+C.
/// </summary>
internal static class CloudCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "The demo's data directory (printed by 'sealsim demo')", Required = true };
        var cloudDll = new Option<FileInfo?>("--cloud-dll") { Description = "SealCabinet.Cloud.Service.dll (default: the build output under artifacts/)" };
        var command = new Command("cloud", "Start the cloud again on a demo's data, to inspect it with sealctl (Ctrl+C stops it)") { data, cloudDll };
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = result.GetValue(data)!;
            if (!File.Exists(Path.Combine(directory.FullName, "dev-auth.json")))
            {
                await Console.Error.WriteLineAsync($"--data: {directory.FullName} holds no demo data (no dev-auth.json)");
                return 2;
            }

            var root = DemoCommand.RepositoryRoot();
            var options = new CloudServiceOptions
            {
                ServiceDll = result.GetValue(cloudDll)?.FullName ?? DemoCommand.DefaultCloudDll(root),
                DataDirectory = directory.FullName,
            };
            CloudServiceProcess cloud;
            try
            {
                cloud = await CloudServiceProcess.StartAsync(options, cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }

            await using (cloud)
            {
                Console.WriteLine($"cloud pid {cloud.ProcessId} on {cloud.DataDirectory} (Ctrl+C stops it; the data stays):");
                Console.WriteLine($"  gRPC {cloud.GrpcUrl} (sealctl, tools), gRPC-Web {cloud.GrpcWebUrl} (cabinets), MQTT {cloud.MqttHost}:{cloud.MqttPort}");
                DemoCommand.PrintSealctlHints(cloud, root);
                try
                {
                    await cloud.WaitForExitAsync(cancellationToken);
                    await Console.Error.WriteLineAsync("the cloud service stopped by itself; its last log lines:");
                    await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, cloud.Output.Split(Environment.NewLine).TakeLast(30)));
                    return 1;
                }
                catch (OperationCanceledException)
                {
                    return 0;
                }
            }
        });
        return command;
    }
}
