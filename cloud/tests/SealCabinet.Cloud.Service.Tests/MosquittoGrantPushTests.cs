using System.Security.Cryptography;
using Grpc.Health.V1;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.LocalServices;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>The service publishing grants to an external broker (a real Mosquitto) instead of the embedded one.</summary>
[TestFixture]
public sealed class MosquittoGrantPushTests
{
    private MosquittoBroker _mosquitto = null!;
    private string _mosquittoDirectory = "";
    private CloudServiceHost _host = null!;
    private Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _mosquittoDirectory = TestServers.NewDirectory("mosquitto");
        _mosquitto = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { WorkDirectory = _mosquittoDirectory });
        _host = await CloudServiceHost.StartAsync("mosquitto", new Dictionary<string, string?>
        {
            ["Mqtt:Host"] = _mosquitto.Host,
            ["Mqtt:Port"] = _mosquitto.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _mosquitto.DisposeAsync();
    }

    [SetUp]
    public async Task NewVillageAsync() => _village = await Village.CreateUniqueAsync(_host, "mosquitto");

    [Test]
    public async Task A_grant_is_pushed_through_mosquitto_to_the_subscribed_cabinet()
    {
        await using var device = await DeviceMqtt.ConnectAsCabinetAsync(_mosquitto.Host, _mosquitto.Port, _village.Cabinet);
        await device.SubscribeAsync($"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/grants");
        var request = await _village.SubmitAsync();

        var issued = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        var grant = GrantChecks.Verify(GrantChecks.Decode(await device.NextMessageAsync()), _village.Cabinet.Secret);

        Assert.That(grant.GrantId, Is.EqualTo(issued.GrantId));
        Assert.That(grant.Counter, Is.EqualTo(issued.Counter));
    }

    [Test]
    public async Task A_cabinet_reconnecting_to_its_persistent_session_on_mosquitto_gets_the_grant_published_while_it_was_offline()
    {
        var topic = $"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/grants";
        await using (var first = await DeviceMqtt.ConnectAsCabinetAsync(_mosquitto.Host, _mosquitto.Port, _village.Cabinet))
        {
            await first.SubscribeAsync(topic);
        }

        var request = await _village.SubmitAsync();
        var issued = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        await GrantChecks.WaitUntilPublishedAsync(_host, issued.GrantId);
        await using var again = await DeviceMqtt.ConnectAsCabinetAsync(_mosquitto.Host, _mosquitto.Port, _village.Cabinet);

        var received = GrantChecks.Verify(GrantChecks.Decode(await again.NextMessageAsync()), _village.Cabinet.Secret);
        while (received.GrantId != issued.GrantId)
        {
            received = GrantChecks.Verify(GrantChecks.Decode(await again.NextMessageAsync()), _village.Cabinet.Secret);
        }

        Assert.That(received.Counter, Is.EqualTo(issued.Counter));
    }

    [Test]
    public async Task While_the_broker_is_down_health_is_not_serving_and_the_grant_is_fetched_then_published_when_it_returns()
    {
        var port = _mosquitto.Port;
        await _mosquitto.StopAsync();
        await _host.WaitForHealthAsync(HealthCheckResponse.Types.ServingStatus.NotServing);

        var request = await _village.SubmitAsync();
        var issued = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        var fetched = await _host.Anonymous().Gateway.FetchGrantsAsync(
            GrantChecks.FetchRequest(_village.Cabinet.DeviceId, _village.Cabinet.Secret, issued.Counter - 1, RandomNumberGenerator.GetBytes(16)));
        bool publishedWhileDown;
        await using (var db = _host.CreateDbContext())
        {
            publishedWhileDown = await db.Outbox.AnyAsync(o => o.GrantId == Guid.Parse(issued.GrantId) && o.PublishedAt != null);
        }

        _mosquitto = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { WorkDirectory = _mosquittoDirectory, Port = port });
        await _host.WaitUntilServingAsync();
        await GrantChecks.WaitUntilPublishedAsync(_host, issued.GrantId);

        Assert.That(fetched.Grants.Select(g => GrantChecks.Verify(g, _village.Cabinet.Secret).GrantId), Does.Contain(issued.GrantId));
        Assert.That(publishedWhileDown, Is.False);
    }
}
