using System.Security.Cryptography;
using System.Text;

namespace SealCabinet.Cloud.Tool.Infrastructure;

/// <summary>The MQTT password of docs/device-protocol.md, for an external broker's password file.</summary>
internal static class DeviceKeys
{
    public static string MqttPassword(byte[] deviceSecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(deviceSecret, Encoding.ASCII.GetBytes("sealcabinet/v1/key/mqtt")));
}
