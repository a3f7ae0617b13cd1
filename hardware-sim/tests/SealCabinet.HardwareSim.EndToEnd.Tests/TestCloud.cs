using Grpc.Net.Client;
using SealCabinet.HardwareSim.Demo;

namespace SealCabinet.HardwareSim.EndToEnd.Tests;

/// <summary>One cloud service process in embedded mode with its development tokens and a native gRPC channel.</summary>
internal sealed class TestCloud : IAsyncDisposable
{
    private TestCloud(CloudServiceOptions options, CloudServiceProcess process, DevelopmentTokens tokens)
    {
        Options = options;
        Process = process;
        Tokens = tokens;
        Channel = GrpcChannel.ForAddress(process.GrpcUrl);
    }

    public CloudServiceOptions Options { get; }

    public CloudServiceProcess Process { get; private set; }

    public DevelopmentTokens Tokens { get; }

    public GrpcChannel Channel { get; }

    /// <summary>Starts a service with its data under the test work directory (deleted on dispose).</summary>
    /// <param name="name">Names the data directory.</param>
    /// <param name="requireSignatures">
    /// True runs the service as in production: every approval and rejection must carry the approver's passkey signature
    /// (the console's cloud, whose approvers sign in the browser with the virtual authenticator). False records
    /// unsigned decisions (<c>Approvals:RequireSignature=false</c>, allowed in embedded mode only): the clouds whose
    /// approvals come from bearer tokens, which hold no passkey; signing over the API is the subject of the cloud's
    /// DecisionSignatureTests.
    /// </param>
    /// <param name="configuration">More of the service's command-line configuration.</param>
    public static async Task<TestCloud> StartAsync(string name, bool requireSignatures, params string[] configuration)
    {
        var data = Path.Combine(TestContext.CurrentContext.WorkDirectory, "end-to-end", $"{name}-{Guid.NewGuid().ToString("N")[..8]}");
        string[] arguments = requireSignatures ? configuration : ["--Approvals:RequireSignature=false", .. configuration];
        var options = new CloudServiceOptions { ServiceDll = ServiceDll(), DataDirectory = data, ExtraArguments = arguments };
        var process = await CloudServiceProcess.StartAsync(options);
        var tokens = await DevelopmentTokens.LoadAsync(process.DataDirectory, TimeSpan.FromSeconds(30));
        return new TestCloud(options, process, tokens);
    }

    /// <summary>The service's build output next to this test assembly's (artifacts/bin/{project}/{configuration}).</summary>
    public static string ServiceDll()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = own.Name;
        var bin = own.Parent!.Parent!.FullName;
        return Path.Combine(bin, "SealCabinet.Cloud.Service", configuration, "SealCabinet.Cloud.Service.dll");
    }

    /// <summary>Stops the service process (SIGTERM; its PostgreSQL and broker go with it).</summary>
    public async Task StopAsync() => await Process.DisposeAsync();

    /// <summary>Starts the service again on the same data directory and the same ports.</summary>
    public async Task RestartAsync()
    {
        Process = await CloudServiceProcess.StartAsync(Options with
        {
            GrpcPort = new Uri(Process.GrpcUrl).Port,
            GrpcWebPort = new Uri(Process.GrpcWebUrl).Port,
            MqttPort = Process.MqttPort,
        });
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Process.DisposeAsync();

        // The service stopped its embedded cluster: the data (tens of MB per run) can go.
        Directory.Delete(Process.DataDirectory, recursive: true);
    }
}
