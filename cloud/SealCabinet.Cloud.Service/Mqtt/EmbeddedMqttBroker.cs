using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Mqtt;

/// <summary>
/// The in-process MQTT broker of the embedded mode (MQTTnet). It authenticates cabinets (user name = client
/// id = device id, password = the device's MQTT key in hex, checked in constant time), lets each subscribe
/// only to its grants topic and publish only its status topic, and keeps persistent sessions so QoS 1
/// grants published while a cabinet is offline reach it on reconnect. Does nothing when an external
/// broker is configured.
/// </summary>
internal sealed class EmbeddedMqttBroker(
    IOptions<MqttOptions> options,
    ServiceBrokerCredentials serviceCredentials,
    RefusedLoginLog refusedLogins,
    IServiceScopeFactory scopes,
    ILogger<EmbeddedMqttBroker> logger) : IHostedService, IDeviceSessions, IAsyncDisposable
{
    private const string DeviceItem = "sealcabinet.device";
    private readonly ConcurrentDictionary<string, bool> _serviceClients = new(StringComparer.Ordinal);
    private MqttServer? _server;

    /// <summary>The port the broker listens on (after start).</summary>
    public int Port { get; private set; }

    public string Address => options.Value.EmbeddedAddress;

    public bool IsRunning => _server?.IsStarted == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsEmbedded)
        {
            return;
        }

        var address = IPAddress.Parse(settings.EmbeddedAddress);
        Port = settings.EmbeddedPort == 0 ? FreePort(address) : settings.EmbeddedPort;
        // MQTTnet listens on every IPv6 interface too unless told otherwise: bind only the configured address.
        var ipv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(ipv6 ? IPAddress.None : address)
            .WithDefaultEndpointBoundIPV6Address(ipv6 ? address : IPAddress.None)
            .WithDefaultEndpointPort(Port)
            .WithPersistentSessions(true)
            .WithMaxPendingMessagesPerClient(1000)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(serverOptions);
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        server.InterceptingPublishAsync += InterceptPublishAsync;
        server.InterceptingClientEnqueueAsync += InterceptEnqueueAsync;
        server.ClientDisconnectedAsync += e =>
        {
            _serviceClients.TryRemove(e.ClientId, out _);
            return Task.CompletedTask;
        };
        await server.StartAsync();
        _server = server;
        logger.LogWarning(
            "DEVELOPMENT MODE: embedded MQTT broker listening on {Address}:{Port} (no TLS; configure Mqtt:Host for a production broker)",
            settings.EmbeddedAddress, Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true } server)
        {
            try
            {
                await server.StopAsync();
                logger.LogInformation("Embedded MQTT broker stopped");
            }
            catch (InvalidOperationException e)
            {
                // MQTTnet 5.2's TCP adapter can race with a connection closing while it stops ("Collection was
                // modified"); shutting down must not fail for it: DisposeAsync still closes every socket.
                logger.LogWarning(e, "The embedded MQTT broker did not stop cleanly; its sockets are closed on disposal");
            }
        }
    }

    public async Task DisconnectAsync(string deviceId, CancellationToken ct)
    {
        if (_server is not { IsStarted: true } server)
        {
            return;
        }

        var clients = await server.GetClientsAsync();
        if (clients.Any(c => c.Id == deviceId))
        {
            await server.DisconnectClientAsync(deviceId, MqttDisconnectReasonCode.NotAuthorized);
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var password = e.RawPassword ?? [];
        if (e.UserName == serviceCredentials.Username)
        {
            if (CryptographicOperations.FixedTimeEquals(password, Encoding.ASCII.GetBytes(serviceCredentials.Password)))
            {
                _serviceClients[e.ClientId] = true;
                e.ReasonCode = MqttConnectReasonCode.Success;
                return;
            }

            logger.LogWarning("Refused MQTT connection as the service user from {Endpoint}: wrong password", e.RemoteEndPoint);
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return;
        }

        var deviceId = e.UserName;
        if (string.IsNullOrEmpty(deviceId) || e.ClientId != deviceId)
        {
            logger.LogWarning("Refused MQTT connection {ClientId}: the client id must equal the user name (the device id)", e.ClientId);
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            return;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CloudDbContext>();
        var cabinet = await db.Cabinets.AsNoTracking()
            .Where(c => c.DeviceId == deviceId)
            .Select(c => new { c.EncryptedSecret, c.Status })
            .SingleOrDefaultAsync(e.CancellationToken);
        var expected = new byte[64];
        if (cabinet is not null)
        {
            try
            {
                var secret = scope.ServiceProvider.GetRequiredService<MasterKeyProtector>().Open(deviceId, cabinet.EncryptedSecret);
                expected = Encoding.ASCII.GetBytes(DeviceKeys.MqttPassword(secret));
                CryptographicOperations.ZeroMemory(secret);
            }
            catch (CryptographicException error)
            {
                logger.LogError(error, "The stored secret of cabinet {DeviceId} does not open under the master key", deviceId);
            }
        }

        // Compared even for an unknown device so the answer takes the same path either way.
        var matches = CryptographicOperations.FixedTimeEquals(expected, password);
        if (cabinet is null || !matches)
        {
            logger.LogWarning("Refused MQTT connection of device {DeviceId}: unknown device or wrong password", deviceId);
            if (cabinet is not null)
            {
                await refusedLogins.RecordAsync(deviceId, e.RemoteEndPoint?.ToString(), e.CancellationToken);
            }

            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return;
        }

        if (cabinet.Status == CabinetStatus.Decommissioned)
        {
            logger.LogWarning("Refused MQTT connection of decommissioned cabinet {DeviceId}", deviceId);
            e.ReasonCode = MqttConnectReasonCode.NotAuthorized;
            return;
        }

        e.SessionItems[DeviceItem] = deviceId;
        e.ReasonCode = MqttConnectReasonCode.Success;
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (e.SessionItems[DeviceItem] is string deviceId && !DeviceTopicAcl.MaySubscribe(deviceId, e.TopicFilter.Topic))
        {
            logger.LogWarning("Refused subscription of device {DeviceId} to {Topic}", deviceId, e.TopicFilter.Topic);
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        }

        return Task.CompletedTask;
    }

    private Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.SessionItems[DeviceItem] is string deviceId && !DeviceTopicAcl.MayPublish(deviceId, e.ApplicationMessage.Topic))
        {
            logger.LogWarning("Refused publish of device {DeviceId} to {Topic}", deviceId, e.ApplicationMessage.Topic);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        }

        return Task.CompletedTask;
    }

    /// <summary>A second gate on every delivery, which also covers last-will messages.</summary>
    private Task InterceptEnqueueAsync(InterceptingClientApplicationMessageEnqueueEventArgs e)
    {
        var sender = e.SenderClientId;
        if (!string.IsNullOrEmpty(sender) && !_serviceClients.ContainsKey(sender) && !DeviceTopicAcl.MayPublish(sender, e.ApplicationMessage.Topic))
        {
            e.AcceptEnqueue = false;
        }

        return Task.CompletedTask;
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
