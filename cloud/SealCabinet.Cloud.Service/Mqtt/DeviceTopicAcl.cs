namespace SealCabinet.Cloud.Service.Mqtt;

/// <summary>What a cabinet may do on the broker: subscribe to its grants topic, publish its status topic, nothing else.</summary>
internal static class DeviceTopicAcl
{
    public static bool MaySubscribe(string deviceId, string topicFilter) =>
        string.Equals(topicFilter, MqttTopics.Grants(deviceId), StringComparison.Ordinal);

    public static bool MayPublish(string deviceId, string topic) =>
        string.Equals(topic, MqttTopics.Status(deviceId), StringComparison.Ordinal);
}
