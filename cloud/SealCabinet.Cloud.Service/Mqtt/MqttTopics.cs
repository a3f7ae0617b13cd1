namespace SealCabinet.Cloud.Service.Mqtt;

/// <summary>The MQTT topics of docs/device-protocol.md.</summary>
internal static class MqttTopics
{
    public const string Prefix = "sealcabinet/v1/devices/";
    public const string AllStatus = Prefix + "+/status";

    public static string Grants(string deviceId) => Prefix + deviceId + "/grants";

    public static string Withdrawals(string deviceId) => Prefix + deviceId + "/withdrawals";

    public static string Roster(string deviceId) => Prefix + deviceId + "/roster";

    public static string Status(string deviceId) => Prefix + deviceId + "/status";

    /// <summary>The device id of a status topic, or null if the topic is not one.</summary>
    public static string? DeviceOfStatusTopic(string topic)
    {
        const string suffix = "/status";
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal) || !topic.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = topic[Prefix.Length..^suffix.Length];
        return id.Length == 0 || id.Contains('/', StringComparison.Ordinal) ? null : id;
    }
}
