namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// MQTT 3.1.1 client (M2Mqtt on the ESP32). Synchronous calls; QoS 1 for subscribe and publish.
    /// It does not reconnect by itself: the firmware reconnects with backoff.
    /// </summary>
    public interface IMqttChannel
    {
        /// <summary>True while connected.</summary>
        bool IsConnected { get; }

        /// <summary>Registers the callbacks (message received, connection lost).</summary>
        /// <param name="onMessage">Message callback.</param>
        /// <param name="onConnectionLost">Connection-lost callback.</param>
        void SetHandlers(MqttMessageHandler onMessage, MqttConnectionLostHandler onConnectionLost);

        /// <summary>Connects to the configured broker.</summary>
        /// <param name="options">Identity, password, last will and session settings.</param>
        /// <returns>True when the broker accepted the connection.</returns>
        bool Connect(MqttConnectOptions options);

        /// <summary>Subscribes to a topic at QoS 1.</summary>
        /// <param name="topic">The topic.</param>
        /// <returns>True when the broker granted the subscription.</returns>
        bool Subscribe(string topic);

        /// <summary>Publishes at QoS 1.</summary>
        /// <param name="topic">The topic.</param>
        /// <param name="payload">The payload.</param>
        /// <param name="retain">Retain flag.</param>
        /// <returns>True when handed to the broker.</returns>
        bool Publish(string topic, byte[] payload, bool retain);

        /// <summary>Disconnects cleanly (no last will).</summary>
        void Disconnect();
    }
}
