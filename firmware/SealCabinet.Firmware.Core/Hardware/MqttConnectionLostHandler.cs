namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>Called by the MQTT channel when the connection drops (possibly on another thread).</summary>
    public delegate void MqttConnectionLostHandler();
}
