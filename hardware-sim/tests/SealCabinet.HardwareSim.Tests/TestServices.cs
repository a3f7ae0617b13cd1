using SealCabinet.HardwareSim.Tests.Gateway;
using SealCabinet.LocalServices;

namespace SealCabinet.HardwareSim.Tests;

/// <summary>Starts the in-test gateway and a real Mosquitto broker once for all tests.</summary>
[SetUpFixture]
public sealed class TestServices
{
    internal static TestGatewayHost Gateway { get; private set; } = null!;

    internal static MosquittoBroker Broker { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Gateway = await TestGatewayHost.StartAsync();
        Broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { WorkDirectory = TestDirectory.Create("mosquitto") });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Broker.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}
