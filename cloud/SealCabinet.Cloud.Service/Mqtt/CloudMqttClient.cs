using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Mqtt;

/// <summary>
/// The service's own MQTT connection, to the embedded broker or an external one: publishes grants (QoS 1)
/// and follows the cabinets' status topics to keep their online flag. Reconnects until the host stops.
/// </summary>
internal sealed class CloudMqttClient(
    IOptions<MqttOptions> options,
    ServiceBrokerCredentials serviceCredentials,
    EmbeddedMqttBroker embedded,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<CloudMqttClient> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _clientId = $"{options.Value.ClientIdPrefix}-{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid():N}";

    public bool IsConnected => _client.IsConnected;

    /// <summary>Publishes with QoS 1 and returns once the broker acknowledged; throws otherwise.</summary>
    public async Task PublishAsync(string topic, byte[] payload, TimeSpan? expiresIn, CancellationToken ct)
    {
        if (!_client.IsConnected)
        {
            throw new InvalidOperationException("the MQTT connection is down");
        }

        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (expiresIn is { } expiry)
        {
            builder = builder.WithMessageExpiryInterval((uint)Math.Clamp(expiry.TotalSeconds, 1, uint.MaxValue));
        }

        var result = await _client.PublishAsync(builder.Build(), ct);
        if (!result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
        {
            throw new InvalidOperationException($"the broker refused the publish: {result.ReasonCode} {result.ReasonString}");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
        }
    }

    public override void Dispose()
    {
        try
        {
            _client.Dispose();
        }
        catch (ObjectDisposedException)
        {
            // MQTTnet cleans a lost connection up on its own thread; when the broker went down at shutdown that cleanup
            // can dispose the client's token source just before this call does, and there is nothing left to release.
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                try
                {
                    await ConnectAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Whatever went wrong, the loop must survive: the next attempt may succeed.
                    logger.LogWarning("MQTT connection failed: {Reason}; retrying in {Delay}", e.Message, ReconnectDelay);
                }
            }

            try
            {
                await Task.Delay(ReconnectDelay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var builder = new MqttClientOptionsBuilder()
            .WithClientId(_clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (settings.IsEmbedded)
        {
            if (!embedded.IsRunning)
            {
                throw new InvalidOperationException("the embedded broker is not running yet");
            }

            builder = builder
                .WithTcpServer(embedded.Address, embedded.Port)
                .WithCredentials(serviceCredentials.Username, serviceCredentials.Password);
        }
        else
        {
            builder = builder.WithTcpServer(settings.Host, settings.Port);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                builder = builder.WithCredentials(settings.Username, settings.Password ?? "");
            }

            if (settings.UseTls)
            {
                builder = builder.WithTlsOptions(tls =>
                {
                    tls.UseTls();
                    if (!string.IsNullOrEmpty(settings.CaCertificateFile))
                    {
                        var ca = X509Certificate2.CreateFromPemFile(settings.CaCertificateFile);
                        tls.WithTrustChain([ca]);
                    }
                });
            }
        }

        var result = await _client.ConnectAsync(builder.Build(), ct);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(MqttTopics.AllStatus, MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
        logger.LogInformation("MQTT connected to {Broker} as {ClientId}", settings.IsEmbedded ? $"the embedded broker on port {embedded.Port}" : $"{settings.Host}:{settings.Port}", _clientId);
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var deviceId = MqttTopics.DeviceOfStatusTopic(e.ApplicationMessage.Topic);
        if (deviceId is null)
        {
            return;
        }

        var payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
        bool online;
        switch (payload)
        {
            case "online": online = true; break;
            case "offline": online = false; break;
            default:
                logger.LogWarning("Ignored status {Payload} of {DeviceId}: expected online or offline", payload.Length > 20 ? payload[..20] : payload, deviceId);
                return;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
        var now = clock.GetUtcNow();
        await db.Cabinets.Where(c => c.DeviceId == deviceId && c.Online != online)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Online, online).SetProperty(c => c.OnlineChangedAt, now));
    }
}
