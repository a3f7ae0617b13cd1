using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Core.Tests.Support;

/// <summary>An MQTT channel whose broker is unreachable: every connect fails (a cabinet without MQTT).</summary>
internal sealed class OfflineMqttChannel : IMqttChannel
{
    public int ConnectAttempts { get; private set; }

    public bool IsConnected => false;

    public void SetHandlers(MqttMessageHandler onMessage, MqttConnectionLostHandler onConnectionLost)
    {
    }

    public bool Connect(MqttConnectOptions options)
    {
        ConnectAttempts++;
        return false;
    }

    public bool Subscribe(string topic) => false;

    public bool Publish(string topic, byte[] payload, bool retain) => false;

    public void Disconnect()
    {
    }
}
