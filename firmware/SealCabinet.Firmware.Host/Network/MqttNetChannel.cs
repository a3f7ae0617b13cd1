using System;
using System.Buffers;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Network
{
    /// <summary>
    /// Host-only <see cref="IMqttChannel"/> on MQTTnet, MQTT 3.1.1 like the ESP32's M2Mqtt, for the simulator
    /// and the tests. Like M2Mqtt it is synchronous for the caller and never reconnects by itself; received
    /// messages and connection loss are reported on MQTTnet's threads through the registered callbacks.
    /// </summary>
    public sealed class MqttNetChannel : IMqttChannel, IDisposable
    {
        private readonly string _host;
        private readonly int _port;
        private readonly TimeSpan _timeout;
        private readonly IMqttClient _client;
        private MqttMessageHandler? _onMessage;
        private MqttConnectionLostHandler? _onLost;
        private int _closingOnPurpose;

        /// <summary>Creates the channel for a broker.</summary>
        /// <param name="host">Broker host.</param>
        /// <param name="port">Broker port.</param>
        /// <param name="timeout">Timeout of each connect, subscribe and publish.</param>
        public MqttNetChannel(string host, int port, TimeSpan timeout)
        {
            _host = host;
            _port = port;
            _timeout = timeout;
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += e =>
            {
                _onMessage?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
                return Task.CompletedTask;
            };
            _client.DisconnectedAsync += e =>
            {
                if (e.ClientWasConnected && Interlocked.Exchange(ref _closingOnPurpose, 0) == 0)
                {
                    _onLost?.Invoke();
                }

                return Task.CompletedTask;
            };
        }

        /// <inheritdoc />
        public bool IsConnected => _client.IsConnected;

        /// <inheritdoc />
        public void SetHandlers(MqttMessageHandler onMessage, MqttConnectionLostHandler onConnectionLost)
        {
            _onMessage = onMessage;
            _onLost = onConnectionLost;
        }

        /// <inheritdoc />
        public bool Connect(MqttConnectOptions options)
        {
            MqttClientOptions clientOptions = new MqttClientOptionsBuilder()
                .WithTcpServer(_host, _port)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(options.ClientId)
                .WithCredentials(options.Username, options.Password)
                .WithCleanSession(options.CleanSession)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(options.KeepAliveSeconds))
                .WithWillTopic(options.WillTopic)
                .WithWillPayload(options.WillPayload)
                .WithWillRetain(options.WillRetain)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTimeout(_timeout)
                .Build();
            try
            {
                return Run(c => _client.ConnectAsync(clientOptions, c)).ResultCode == MqttClientConnectResultCode.Success;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or MQTTnet.Adapter.MqttConnectingFailedException)
            {
                return false;
            }
        }

        /// <inheritdoc />
        public bool Subscribe(string topic)
        {
            MqttClientSubscribeOptions subscribe = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build();
            try
            {
                MqttClientSubscribeResult result = Run(c => _client.SubscribeAsync(subscribe, c));
                return result.Items.Count == 1 && result.Items.First().ResultCode == MqttClientSubscribeResultCode.GrantedQoS1;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                return false;
            }
        }

        /// <inheritdoc />
        public bool Publish(string topic, byte[] payload, bool retain)
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build();
            try
            {
                return Run(c => _client.PublishAsync(message, c)).IsSuccess;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                return false;
            }
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            if (!_client.IsConnected)
            {
                return;
            }

            Interlocked.Exchange(ref _closingOnPurpose, 1);
            try
            {
                Run(async c =>
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptions(), c).ConfigureAwait(false);
                    return true;
                });
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // Already gone: nothing left to close.
            }
        }

        /// <summary>Drops the connection without a DISCONNECT packet, so the broker publishes the last will (a power cut).</summary>
        public void Abort()
        {
            _client.Dispose();
        }

        /// <inheritdoc />
        public void Dispose() => _client.Dispose();

        private T Run<T>(Func<CancellationToken, Task<T>> call)
        {
            using CancellationTokenSource timeout = new(_timeout);
            return call(timeout.Token).GetAwaiter().GetResult();
        }
    }
}
