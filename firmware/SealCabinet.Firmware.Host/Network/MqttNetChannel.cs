using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Host.Power;

namespace SealCabinet.Firmware.Host.Network;

/// <summary>
/// The core's MQTT seam on an MQTTnet 5 client (MQTT 3.1.1, QoS 1, like M2Mqtt on the ESP32). Like M2Mqtt it is
/// synchronous for the caller and never reconnects by itself; received messages and the loss of an established
/// connection are reported on MQTTnet's threads through the registered callbacks (a connect that fails is only a
/// false result). MQTTnet answers a refused CONNECT with a result code rather than an exception; both count as a
/// failed connect. The client is made current before CONNACK, so grants queued in a persistent session are not lost.
/// Fault injection, off by default: with <see cref="NetworkConditions"/> a lost link or an unreachable broker drops
/// the TCP connection without DISCONNECT (the broker publishes the last will, as for a real cabinet) and delivery can
/// be held back; with a <see cref="PowerRail"/> a power cut does the same and every later call throws
/// <see cref="PowerLostException"/>.
/// </summary>
public sealed class MqttNetChannel : IMqttChannel, IDisposable
{
    private readonly object _lock = new();
    private readonly string _host;
    private readonly int _port;
    private readonly bool _tls;
    private readonly NetworkConditions _network;
    private readonly List<(string Topic, byte[] Payload)> _held = [];
    private readonly PowerRail _rail;
    private readonly TimeSpan _timeout;
    private IMqttClient? _client;
    private MqttMessageHandler? _onMessage;
    private MqttConnectionLostHandler? _onLost;
    private long _messages;

    /// <summary>Creates the channel for a broker.</summary>
    /// <param name="host">Broker host.</param>
    /// <param name="port">Broker port.</param>
    /// <param name="timeout">Timeout of each connect, subscribe, publish and disconnect.</param>
    /// <param name="tls">Whether to use TLS.</param>
    /// <param name="network">Fault switches, or null for a network that is always up.</param>
    /// <param name="rail">The boot's power, or null for a board that never loses it.</param>
    public MqttNetChannel(string host, int port, TimeSpan timeout, bool tls = false, NetworkConditions? network = null, PowerRail? rail = null)
    {
        _host = host;
        _port = port;
        _tls = tls;
        _network = network ?? new NetworkConditions();
        _rail = rail ?? new PowerRail();
        _timeout = timeout;
        _network.Changed += OnNetworkChanged;
        _rail.CutToken.Register(Drop);
    }

    /// <summary>Raised for every message delivered to the firmware (topic, payload), after the firmware's handler.</summary>
    public event Action<string, byte[]>? MessageDelivered;

    /// <summary>Messages delivered to the firmware.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messages);

    /// <summary>Messages received while <see cref="NetworkConditions.HoldMqttDelivery"/> is on, not yet handed to the firmware.</summary>
    public int MessagesHeld
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    /// <inheritdoc />
    public bool IsConnected
    {
        get
        {
            lock (_lock)
            {
                return _client?.IsConnected == true;
            }
        }
    }

    /// <inheritdoc />
    public void SetHandlers(MqttMessageHandler onMessage, MqttConnectionLostHandler onConnectionLost)
    {
        _onMessage = onMessage;
        _onLost = onConnectionLost;
    }

    /// <inheritdoc />
    public bool Connect(MqttConnectOptions options)
    {
        _rail.EnsureOn();
        Drop();
        if (!_network.CanReachBroker)
        {
            return false;
        }

        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_host, _port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(options.ClientId)
            .WithCredentials(options.Username, options.Password)
            .WithCleanSession(options.CleanSession)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(options.KeepAliveSeconds))
            .WithTimeout(_timeout);
        if (options.WillTopic.Length > 0)
        {
            builder = builder
                .WithWillTopic(options.WillTopic)
                .WithWillPayload(options.WillPayload)
                .WithWillRetain(options.WillRetain)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }

        if (_tls)
        {
            builder = builder.WithTlsOptions(o => o.UseTls());
        }

        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e => OnMessage(client, e);
        client.DisconnectedAsync += e => OnDisconnected(client, e.ClientWasConnected);

        // Current before CONNACK: a persistent session delivers its queued grants right after it.
        lock (_lock)
        {
            _client = client;
        }

        try
        {
            var result = Run(c => client.ConnectAsync(builder.Build(), c));
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return true;
            }
        }
        catch (Exception e) when (IsCommunicationFailure(e))
        {
            _rail.EnsureOn();
        }

        lock (_lock)
        {
            if (ReferenceEquals(_client, client))
            {
                _client = null;
            }
        }

        client.Dispose();
        _rail.EnsureOn();
        return false;
    }

    /// <inheritdoc />
    public bool Subscribe(string topic)
    {
        _rail.EnsureOn();
        var client = Current();
        if (client is null)
        {
            return false;
        }

        try
        {
            var options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build();
            var result = Run(c => client.SubscribeAsync(options, c));

            // Granted below QoS 1 would lose the persistent session's guarantee: not a usable subscription.
            return result.Items.Count == 1 && result.Items.First().ResultCode is MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2;
        }
        catch (Exception e) when (IsCommunicationFailure(e))
        {
            _rail.EnsureOn();
            return false;
        }
    }

    /// <inheritdoc />
    public bool Publish(string topic, byte[] payload, bool retain)
    {
        _rail.EnsureOn();
        var client = Current();
        if (client is null)
        {
            return false;
        }

        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build();
            return Run(c => client.PublishAsync(message, c)).IsSuccess;
        }
        catch (Exception e) when (IsCommunicationFailure(e))
        {
            _rail.EnsureOn();
            return false;
        }
    }

    /// <inheritdoc />
    public void Disconnect()
    {
        _rail.EnsureOn();

        // No longer current first: the disconnection it causes is not reported as a loss.
        if (TakeCurrent() is not { } client)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                Run(async c =>
                {
                    await client.DisconnectAsync(new MqttClientDisconnectOptions(), c).ConfigureAwait(false);
                    return true;
                });
            }
        }
        catch (Exception e) when (IsCommunicationFailure(e))
        {
            // Gone already.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Drops the connection without a DISCONNECT packet, so the broker publishes the last will (a power cut, a dead link).</summary>
    public void Abort() => Drop();

    /// <inheritdoc />
    public void Dispose()
    {
        _network.Changed -= OnNetworkChanged;
        Drop();
    }

    private static bool IsCommunicationFailure(Exception e) =>
        e is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or OperationCanceledException or InvalidOperationException or IOException;

    private T Run<T>(Func<CancellationToken, Task<T>> call)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_rail.CutToken);
        timeout.CancelAfter(_timeout);
        return call(timeout.Token).GetAwaiter().GetResult();
    }

    private IMqttClient? TakeCurrent()
    {
        lock (_lock)
        {
            var client = _client;
            _client = null;
            return client;
        }
    }

    private IMqttClient? Current()
    {
        lock (_lock)
        {
            return _client;
        }
    }

    private void OnNetworkChanged()
    {
        if (!_network.CanReachBroker)
        {
            Drop();
        }

        if (!_network.HoldMqttDelivery)
        {
            ReleaseHeld();
        }
    }

    private void ReleaseHeld()
    {
        List<(string Topic, byte[] Payload)> held;
        lock (_held)
        {
            held = [.. _held];
            _held.Clear();
        }

        foreach (var (topic, payload) in held)
        {
            if (_rail.IsOn)
            {
                Deliver(topic, payload);
            }
        }
    }

    private void Deliver(string topic, byte[] payload)
    {
        Interlocked.Increment(ref _messages);
        _onMessage?.Invoke(topic, payload);
        MessageDelivered?.Invoke(topic, payload);
    }

    /// <summary>Drops the TCP connection without DISCONNECT (the broker then publishes the will).</summary>
    private void Drop()
    {
        if (TakeCurrent() is not { } client)
        {
            return;
        }

        var wasConnected = client.IsConnected;
        client.Dispose();
        if (wasConnected && _rail.IsOn)
        {
            _onLost?.Invoke();
        }
    }

    private Task OnMessage(IMqttClient client, MqttApplicationMessageReceivedEventArgs e)
    {
        if (!_rail.IsOn || !_network.CanReachBroker || !ReferenceEquals(Current(), client))
        {
            // A dead board acknowledges nothing: the broker keeps the message for the next session.
            e.ProcessingFailed = true;
            return Task.CompletedTask;
        }

        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.Payload.ToArray();
        if (_network.HoldMqttDelivery)
        {
            // Received and acknowledged by the radio, handed to the firmware only when the hold is lifted.
            lock (_held)
            {
                _held.Add((topic, payload));
            }

            return Task.CompletedTask;
        }

        Deliver(topic, payload);
        return Task.CompletedTask;
    }

    private Task OnDisconnected(IMqttClient client, bool wasConnected)
    {
        bool current;
        lock (_lock)
        {
            current = ReferenceEquals(_client, client);
            if (current)
            {
                _client = null;
            }
        }

        if (current && wasConnected && _rail.IsOn)
        {
            _onLost?.Invoke();
        }

        return Task.CompletedTask;
    }
}
