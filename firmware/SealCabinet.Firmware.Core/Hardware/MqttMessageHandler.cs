namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>Called by the MQTT channel for each received message (possibly on another thread).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="payload">The payload.</param>
    public delegate void MqttMessageHandler(string topic, byte[] payload);
}
