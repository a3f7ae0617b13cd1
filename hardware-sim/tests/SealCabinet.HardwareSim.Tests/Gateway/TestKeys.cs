using System.Security.Cryptography;
using System.Text;

namespace SealCabinet.HardwareSim.Tests.Gateway;

/// <summary>The purpose keys of a device (docs/device-protocol.md, "Keys"), derived with the platform's HMAC: the cloud's side.</summary>
internal sealed class TestKeys
{
    public TestKeys(byte[] secret)
    {
        Event = Derive(secret, "event");
        Grant = Derive(secret, "grant");
        Time = Derive(secret, "time");
        Evidence = Derive(secret, "evidence");
        Roster = Derive(secret, "roster");
        MqttPassword = Convert.ToHexStringLower(Derive(secret, "mqtt"));
    }

    public byte[] Event { get; }

    public byte[] Grant { get; }

    public byte[] Time { get; }

    public byte[] Evidence { get; }

    public byte[] Roster { get; }

    public string MqttPassword { get; }

    public static bool Verify(byte[] key, byte[] data, byte[] mac) =>
        CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, data), mac);

    private static byte[] Derive(byte[] secret, string purpose) =>
        HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes("sealcabinet/v1/key/" + purpose));
}
