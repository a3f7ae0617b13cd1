using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>A cabinet's MQTT side as docs/device-protocol.md describes it, for tests.</summary>
internal sealed class DeviceMqtt : IAsyncDisposable
{
    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();

    private DeviceMqtt(IMqttClient client)
    {
        Client = client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public static MqttClientOptions Options(
        string host, int port, string clientId, string? username, string? password,
        MqttProtocolVersion version = MqttProtocolVersion.V311, bool cleanSession = false)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(version)
            .WithCleanSession(cleanSession)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (version == MqttProtocolVersion.V500 && !cleanSession)
        {
            builder = builder.WithSessionExpiryInterval(3600);
        }

        if (username is not null)
        {
            builder = builder.WithCredentials(username, password ?? "");
        }

        return builder.Build();
    }

    /// <summary>Connects as the cabinet: client id = user name = device id, password = the mqtt key in hex, persistent session.</summary>
    public static Task<DeviceMqtt> ConnectAsCabinetAsync(string host, int port, RegisteredCabinet cabinet, MqttProtocolVersion version = MqttProtocolVersion.V311) =>
        ConnectAsync(Options(host, port, cabinet.DeviceId, cabinet.DeviceId, TestCrypto.MqttPassword(cabinet.Secret), version));

    public static async Task<DeviceMqtt> ConnectAsync(MqttClientOptions options)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var device = new DeviceMqtt(client);
        var result = await TryConnectAsync(client, options);
        if (result != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new InvalidOperationException($"the broker refused the connection: {result}");
        }

        return device;
    }

    /// <summary>Connects and disconnects again, returning what the broker answered.</summary>
    public static async Task<MqttClientConnectResultCode> ConnectResultAsync(MqttClientOptions options)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var result = await TryConnectAsync(client, options);
        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        return result;
    }

    private static async Task<MqttClientConnectResultCode> TryConnectAsync(IMqttClient client, MqttClientOptions options)
    {
        try
        {
            return (await client.ConnectAsync(options)).ResultCode;
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException e) when (e.InnerException is null)
        {
            return MqttClientConnectResultCode.UnspecifiedError;
        }
    }

    public async Task<MqttClientSubscribeResult> SubscribeAsync(string topic) =>
        await Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public async Task<MqttApplicationMessage> NextMessageAsync(TimeSpan? timeout = null)
    {
        var patience = timeout ?? TimeSpan.FromSeconds(15);
        using var cts = new CancellationTokenSource(patience);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"No MQTT message reached {Client.Options.ClientId} within {patience.TotalSeconds:0} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
        {
            await Client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        Client.Dispose();
    }
}
