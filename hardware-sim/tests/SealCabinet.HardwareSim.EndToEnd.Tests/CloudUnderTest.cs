using Grpc.Net.Client;
using SealCabinet.HardwareSim.Demo;

namespace SealCabinet.HardwareSim.EndToEnd.Tests;

/// <summary>Starts the real cloud service once for the run (embedded mode, data under the test work directory).</summary>
[SetUpFixture]
public sealed class CloudUnderTest
{
    internal static CloudServiceProcess Cloud { get; private set; } = null!;

    internal static DevelopmentTokens Tokens { get; private set; } = null!;

    internal static GrpcChannel Channel { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var data = Path.Combine(TestContext.CurrentContext.WorkDirectory, "end-to-end", "cloud-" + Guid.NewGuid().ToString("N")[..8]);
        Cloud = await CloudServiceProcess.StartAsync(new CloudServiceOptions { ServiceDll = ServiceDll(), DataDirectory = data });
        Tokens = await DevelopmentTokens.LoadAsync(Cloud.DataDirectory, TimeSpan.FromSeconds(30));
        Channel = GrpcChannel.ForAddress(Cloud.GrpcUrl);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Channel.Dispose();
        await Cloud.DisposeAsync();

        // The service stopped its embedded cluster: the data (tens of MB per run) can go.
        Directory.Delete(Cloud.DataDirectory, recursive: true);
    }

    /// <summary>The service's build output next to this test assembly's (artifacts/bin/{project}/{configuration}).</summary>
    private static string ServiceDll()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = own.Name;
        var bin = own.Parent!.Parent!.FullName;
        return Path.Combine(bin, "SealCabinet.Cloud.Service", configuration, "SealCabinet.Cloud.Service.dll");
    }
}
