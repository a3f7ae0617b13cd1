using Grpc.Health.V1;
using SealCabinet.Cloud.Service.Tests.Infrastructure;

namespace SealCabinet.Cloud.Service.Tests;

[TestFixture]
public sealed class HealthTests
{
    private CloudServiceHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("health");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Health_is_serving_without_credentials_when_the_database_and_the_broker_are_up()
    {
        Assert.That(await _host.HealthAsync(), Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
    }

    [Test]
    public async Task A_service_whose_database_is_unreachable_is_not_serving()
    {
        await using var broken = await CloudServiceHost.StartUnreadyAsync("health-broken", new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2",
        });

        Assert.That(await broken.HealthAsync(), Is.EqualTo(HealthCheckResponse.Types.ServingStatus.NotServing));
    }
}
