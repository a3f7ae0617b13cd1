using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.HardwareSim.Board;

namespace SealCabinet.HardwareSim.Network;

/// <summary>
/// The core's MQTT seam on an MQTTnet 5 client (MQTT 3.1.1, QoS 1, like M2Mqtt on the ESP32). Synchronous calls.
/// A lost link, an unreachable broker or a power cut drops the TCP connection without DISCONNECT, so the broker
/// publishes the last will exactly as it would for a real cabinet. MQTTnet answers a refused CONNECT with a result
/// code rather than an exception; both count as a failed connect.
/// </summary>
public sealed class MqttNetChannel : IMqttChannel, IDisposable
{
    private readonly object _lock = new();
    private readonly string _host;
    private readonly int _port;
    private readonly bool _tls;
    private readonly NetworkConditions _network;
    private readonly PowerRail _rail;
    private readonly TimeSpan _timeout;
    private IMqttClient? _client;
    private MqttMessageHandler? _onMessage;
    private MqttConnectionLostHandler? _onLost;
    private long _messages;

    /// <summary>Creates the channel of one boot.</summary>
    /// <param name="host">Broker host.</param>
    /// <param name="port">Broker port.</param>
    /// <param name="tls">Whether to use TLS.</param>
    /// <param name="network">Fault switches.</param>
    /// <param name="rail">The boot's power.</param>
    /// <param name="timeout">Timeout of each MQTT exchange.</param>
    public MqttNetChannel(string host, int port, bool tls, NetworkConditions network, PowerRail rail, TimeSpan timeout)
    {
        _host = host;
        _port = port;
        _tls = tls;
        _network = network;
        _rail = rail;
        _timeout = timeout;
        _network.Changed += OnNetworkChanged;
        _rail.CutToken.Register(Drop);
    }

    /// <summary>Raised for every message delivered to the firmware (topic, payload), after the firmware's handler.</summary>
    public event Action<string, byte[]>? MessageDelivered;

    /// <summary>Messages delivered to the firmware.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messages);

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
        client.DisconnectedAsync += _ => OnDisconnected(client);

        // Current before CONNACK: a persistent session delivers its queued grants right after it.
        lock (_lock)
        {
            _client = client;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_rail.CutToken);
            timeout.CancelAfter(_timeout);
            var result = client.ConnectAsync(builder.Build(), timeout.Token).GetAwaiter().GetResult();
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return true;
            }
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or IOException)
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
            var result = client.SubscribeAsync(options, _rail.CutToken).GetAwaiter().GetResult();
            return result.Items.All(i => i.ResultCode is MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
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
            return client.PublishAsync(message, _rail.CutToken).GetAwaiter().GetResult().IsSuccess;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            _rail.EnsureOn();
            return false;
        }
    }

    /// <inheritdoc />
    public void Disconnect()
    {
        _rail.EnsureOn();
        IMqttClient? client;
        lock (_lock)
        {
            client = _client;
            _client = null;
        }

        if (client is null)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                client.DisconnectAsync(new MqttClientDisconnectOptions(), _rail.CutToken).GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // Gone already.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _network.Changed -= OnNetworkChanged;
        Drop();
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
    }

    /// <summary>Drops the TCP connection without DISCONNECT (the broker then publishes the will).</summary>
    private void Drop()
    {
        IMqttClient? client;
        lock (_lock)
        {
            client = _client;
            _client = null;
        }

        if (client is null)
        {
            return;
        }

        client.Dispose();
        if (_rail.IsOn)
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
        Interlocked.Increment(ref _messages);
        _onMessage?.Invoke(topic, payload);
        MessageDelivered?.Invoke(topic, payload);
        return Task.CompletedTask;
    }

    private Task OnDisconnected(IMqttClient client)
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

        if (current && _rail.IsOn)
        {
            _onLost?.Invoke();
        }

        return Task.CompletedTask;
    }
}
