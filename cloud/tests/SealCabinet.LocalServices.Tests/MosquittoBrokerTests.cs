using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace SealCabinet.LocalServices.Tests;

[TestFixture]
public sealed class MosquittoBrokerTests
{
    [Test]
    public async Task A_started_broker_delivers_a_published_message_to_a_subscriber()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { WorkDirectory = TestDirectory.Create("mqtt") });
        var factory = new MqttClientFactory();
        using var subscriber = factory.CreateMqttClient();
        using var publisher = factory.CreateMqttClient();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };

        await subscriber.ConnectAsync(Options(broker, "subscriber"));
        await subscriber.SubscribeAsync("test/topic", MqttQualityOfServiceLevel.AtLeastOnce);
        await publisher.ConnectAsync(Options(broker, "publisher"));
        await publisher.PublishStringAsync("test/topic", "hello", MqttQualityOfServiceLevel.AtLeastOnce);

        Assert.That(await received.Task.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo("hello"));
    }

    [Test]
    public void A_broker_asked_for_a_port_something_else_holds_fails_instead_of_trusting_the_other_listener()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;

        var error = Assert.ThrowsAsync<LocalServiceException>(async () =>
            await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { WorkDirectory = TestDirectory.Create("mqtt-taken"), Port = port }));

        Assert.That(error!.Message, Does.Contain($"127.0.0.1:{port}").And.Contain("Address already in use"));
    }

    [Test]
    public async Task A_stopped_broker_refuses_connections()
    {
        var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { WorkDirectory = TestDirectory.Create("mqtt-stop") });
        await broker.DisposeAsync();
        using var client = new MqttClientFactory().CreateMqttClient();

        Assert.That(async () => await client.ConnectAsync(Options(broker, "late")), Throws.Exception);
    }

    [Test]
    public async Task Without_anonymous_access_a_client_without_credentials_is_refused()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions
        {
            WorkDirectory = TestDirectory.Create("mqtt-auth"),
            AllowAnonymous = false,
        });
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(Options(broker, "anonymous"));

        Assert.That(result.ResultCode, Is.EqualTo(MqttClientConnectResultCode.NotAuthorized));
        Assert.That(client.IsConnected, Is.False);
    }

    [Test]
    public void A_missing_broker_program_gives_an_error_naming_the_package_to_install()
    {
        var error = Assert.ThrowsAsync<LocalServiceException>(async () => await MosquittoBroker.StartAsync(new MosquittoBrokerOptions
        {
            WorkDirectory = TestDirectory.Create("mqtt-missing"),
            ExecutablePath = "/nonexistent/mosquitto",
        }));

        Assert.That(error!.Message, Does.Contain("apt-get install -y mosquitto"));
    }

    private static MqttClientOptions Options(MosquittoBroker broker, string clientId) => new MqttClientOptionsBuilder()
        .WithTcpServer(broker.Host, broker.Port)
        .WithClientId(clientId)
        .WithTimeout(TimeSpan.FromSeconds(5))
        .Build();
}
