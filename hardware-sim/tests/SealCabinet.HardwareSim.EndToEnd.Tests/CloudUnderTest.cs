namespace SealCabinet.HardwareSim.EndToEnd.Tests;

/// <summary>Starts the real cloud service once for the run (embedded mode, data under the test work directory).</summary>
[SetUpFixture]
public sealed class CloudUnderTest
{
    internal static TestCloud Shared { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => Shared = await TestCloud.StartAsync("cloud");

    [OneTimeTearDown]
    public async Task StopAsync() => await Shared.DisposeAsync();
}
