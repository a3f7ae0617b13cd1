using System.Security.Cryptography;
using System.Text;

namespace SealCabinet.Cloud.Service.Crypto;

/// <summary>Purpose keys derived from a device secret, exactly as docs/device-protocol.md defines them.</summary>
internal static class DeviceKeys
{
    public const int SecretLength = 32;
    public const string EventPurpose = "event";
    public const string GrantPurpose = "grant";
    public const string TimePurpose = "time";
    public const string EvidencePurpose = "evidence";
    public const string MqttPurpose = "mqtt";
    public const string RosterPurpose = "roster";
    public const string WithdrawalPurpose = "withdrawal";

    /// <summary>key(purpose) = HMAC-SHA256(device_secret, ASCII("sealcabinet/v1/key/" + purpose)).</summary>
    public static byte[] Derive(ReadOnlySpan<byte> deviceSecret, string purpose) =>
        HMACSHA256.HashData(deviceSecret, Encoding.ASCII.GetBytes("sealcabinet/v1/key/" + purpose));

    /// <summary>The MQTT password: lowercase hex of key("mqtt"), 64 characters.</summary>
    public static string MqttPassword(ReadOnlySpan<byte> deviceSecret) =>
        Convert.ToHexStringLower(Derive(deviceSecret, MqttPurpose));

    public static byte[] Mac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) => HMACSHA256.HashData(key, data);

    /// <summary>Checks a MAC in constant time; a MAC of the wrong length simply fails.</summary>
    public static bool VerifyMac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, data, expected);
        return mac.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, mac);
    }

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretLength);
}
