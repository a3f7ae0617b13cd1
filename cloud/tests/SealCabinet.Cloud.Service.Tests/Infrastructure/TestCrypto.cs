using System.Security.Cryptography;
using System.Text;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>docs/device-protocol.md key derivation, written independently of the service's code.</summary>
internal static class TestCrypto
{
    public static byte[] Key(byte[] deviceSecret, string purpose)
    {
        using var hmac = new HMACSHA256(deviceSecret);
        return hmac.ComputeHash(Encoding.ASCII.GetBytes("sealcabinet/v1/key/" + purpose));
    }

    public static byte[] Mac(byte[] key, byte[] data)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(data);
    }

    public static string MqttPassword(byte[] deviceSecret) => Convert.ToHexString(Key(deviceSecret, "mqtt")).ToLowerInvariant();
}
