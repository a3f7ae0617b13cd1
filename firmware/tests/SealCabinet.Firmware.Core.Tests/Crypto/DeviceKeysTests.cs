using System.Security.Cryptography;
using System.Text;
using SealCabinet.Firmware.Core.Crypto;

namespace SealCabinet.Firmware.Core.Tests.Crypto;

/// <summary>Purpose keys exactly as docs/device-protocol.md defines them.</summary>
[TestFixture]
public sealed class DeviceKeysTests
{
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

    [TestCase("event")]
    [TestCase("grant")]
    [TestCase("time")]
    [TestCase("evidence")]
    [TestCase("mqtt")]
    public void Each_purpose_key_is_the_hmac_of_its_label_under_the_device_secret(string purpose)
    {
        DeviceKeys keys = DeviceKeys.Derive(Secret, new ManagedMacProvider());
        byte[] expected = HMACSHA256.HashData(Secret, Encoding.ASCII.GetBytes("sealcabinet/v1/key/" + purpose));

        byte[] actual = purpose switch
        {
            "event" => keys.EventKey,
            "grant" => keys.GrantKey,
            "time" => keys.TimeKey,
            "evidence" => keys.EvidenceKey,
            _ => keys.MqttKey,
        };

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void The_mqtt_password_is_the_lowercase_hex_of_the_mqtt_key()
    {
        DeviceKeys keys = DeviceKeys.Derive(Secret, new ManagedMacProvider());

        Assert.That(keys.MqttPassword, Is.EqualTo(Convert.ToHexStringLower(HMACSHA256.HashData(Secret, Encoding.ASCII.GetBytes("sealcabinet/v1/key/mqtt")))));
        Assert.That(keys.MqttPassword, Has.Length.EqualTo(64));
    }

    [Test]
    public void The_five_purpose_keys_all_differ()
    {
        DeviceKeys keys = DeviceKeys.Derive(Secret, new ManagedMacProvider());

        byte[][] all = [keys.EventKey, keys.GrantKey, keys.TimeKey, keys.EvidenceKey, keys.MqttKey];

        Assert.That(all.Select(Convert.ToHexString).Distinct().Count(), Is.EqualTo(5));
    }

    [Test]
    public void A_secret_of_the_wrong_length_is_refused()
    {
        Assert.That(() => DeviceKeys.Derive(new byte[31], new ManagedMacProvider()), Throws.TypeOf<ArgumentException>());
    }
}
