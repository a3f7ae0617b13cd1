using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Esp32.Board.Mqtt
{
    /// <summary>
    /// <see cref="IMqttChannel"/> on nanoFramework's M2Mqtt (MQTT 3.1.1, TLS 1.2 with the provisioned CA
    /// certificate). One <see cref="MqttClient"/> instance lives for the whole run: M2Mqtt keeps the persistent
    /// session's unacknowledged QoS 1 messages in that instance only and re-sends them when the same instance
    /// reconnects with clean session off. M2Mqtt never reconnects by itself: the core's CabinetFirmware calls
    /// <see cref="Connect"/> again with backoff and jitter after a drop, from its main loop.
    /// </summary>
    public sealed class M2MqttChannel : IMqttChannel
    {
        private const int SubscribeAckTimeoutMs = 10000;

        private readonly MqttClient _client;
        private readonly object _sync = new object();
        private readonly AutoResetEvent _subscribed = new AutoResetEvent(false);
        private MqttMessageHandler? _onMessage;
        private MqttConnectionLostHandler? _onConnectionLost;
        private int _awaitedMessageId = -1;
        private bool _granted;

        /// <summary>Creates the channel; no network traffic until <see cref="Connect"/>.</summary>
        /// <param name="host">Broker host name.</param>
        /// <param name="port">Broker port (8883 with TLS).</param>
        /// <param name="tls">Whether to use TLS.</param>
        /// <param name="caCertificate">CA certificate (PEM or DER) that signed the broker's certificate; required with TLS.</param>
        public M2MqttChannel(string host, int port, bool tls, byte[]? caCertificate)
        {
            if (tls && caCertificate == null)
            {
                throw new ArgumentException("MQTT over TLS needs the CA certificate (caCertificate is null)");
            }

            X509Certificate? ca = tls ? new X509Certificate(caCertificate!) : null;

            // A null client certificate is what M2Mqtt expects when the broker authenticates by user name and password.
            _client = new MqttClient(host, port, tls, ca!, null!, MqttSslProtocols.TLSv1_2);
            _client.MqttMsgPublishReceived += OnPublishReceived;
            _client.MqttMsgSubscribed += OnSubscribed;
            _client.ConnectionClosed += OnConnectionClosed;
        }

        /// <inheritdoc />
        public bool IsConnected
        {
            get { return _client.IsConnected; }
        }

        /// <inheritdoc />
        public void SetHandlers(MqttMessageHandler onMessage, MqttConnectionLostHandler onConnectionLost)
        {
            _onMessage = onMessage;
            _onConnectionLost = onConnectionLost;
        }

        /// <inheritdoc />
        public bool Connect(MqttConnectOptions options)
        {
            lock (_sync)
            {
                if (_client.IsConnected)
                {
                    return true;
                }

                int keepAlive = options.KeepAliveSeconds < 0 ? 0 : options.KeepAliveSeconds > ushort.MaxValue ? ushort.MaxValue : options.KeepAliveSeconds;
                bool hasWill = options.WillTopic.Length > 0;
                try
                {
                    MqttReasonCode code = _client.Connect(
                        options.ClientId,
                        options.Username,
                        options.Password,
                        options.WillRetain,
                        MqttQoSLevel.AtLeastOnce,
                        hasWill,
                        options.WillTopic,
                        Utf8.Decode(options.WillPayload, 0, options.WillPayload.Length),
                        options.CleanSession,
                        (ushort)keepAlive);
                    return code == MqttReasonCode.Success;
                }
                catch (Exception)
                {
                    // Socket, DNS and TLS failures all surface as exceptions from M2Mqtt; the caller backs off and retries.
                    _client.Close();
                    return false;
                }
            }
        }

        /// <inheritdoc />
        public bool Subscribe(string topic)
        {
            lock (_sync)
            {
                try
                {
                    _granted = false;
                    _subscribed.Reset();
                    ushort id = _client.Subscribe(new string[] { topic }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                    Interlocked.Exchange(ref _awaitedMessageId, id);
                    bool acked = _subscribed.WaitOne(SubscribeAckTimeoutMs, false);
                    Interlocked.Exchange(ref _awaitedMessageId, -1);
                    return acked && _granted;
                }
                catch (Exception)
                {
                    return false;
                }
            }
        }

        /// <inheritdoc />
        public bool Publish(string topic, byte[] payload, bool retain)
        {
            try
            {
                _client.Publish(topic, payload, null!, null!, MqttQoSLevel.AtLeastOnce, retain);
                return true;
            }
            catch (Exception)
            {
                // Not connected, or the inflight queue is full: the caller keeps the data and tries later.
                return false;
            }
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            lock (_sync)
            {
                try
                {
                    if (_client.IsConnected)
                    {
                        _client.Disconnect();
                    }
                }
                catch (Exception)
                {
                    // A dead socket cannot carry DISCONNECT; closing below is all that is left to do.
                }

                _client.Close();
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            MqttMessageHandler? handler = _onMessage;
            if (handler != null)
            {
                handler(e.Topic, e.Message);
            }
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            if (e.MessageId != _awaitedMessageId)
            {
                return;
            }

            // SUBACK carries 0..2 for a granted QoS and 0x80 for a refusal; the cabinet needs QoS 1 or better.
            MqttQoSLevel[] levels = e.GrantedQoSLevels;
            int level = levels.Length > 0 ? (int)levels[0] : 0x80;
            _granted = level >= 1 && level <= 2;
            _subscribed.Set();
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            MqttConnectionLostHandler? handler = _onConnectionLost;
            if (handler != null)
            {
                handler();
            }
        }
    }
}
