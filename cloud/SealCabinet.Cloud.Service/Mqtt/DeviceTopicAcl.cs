namespace SealCabinet.Cloud.Service.Mqtt;

/// <summary>What a cabinet may do on the broker: subscribe to its grants, withdrawals and roster topics, publish its status topic, nothing else.</summary>
internal static class DeviceTopicAcl
{
    public static bool MaySubscribe(string deviceId, string topicFilter) =>
        string.Equals(topicFilter, MqttTopics.Grants(deviceId), StringComparison.Ordinal)
        || string.Equals(topicFilter, MqttTopics.Withdrawals(deviceId), StringComparison.Ordinal)
        || string.Equals(topicFilter, MqttTopics.Roster(deviceId), StringComparison.Ordinal);

    public static bool MayPublish(string deviceId, string topic) =>
        string.Equals(topic, MqttTopics.Status(deviceId), StringComparison.Ordinal);
}
