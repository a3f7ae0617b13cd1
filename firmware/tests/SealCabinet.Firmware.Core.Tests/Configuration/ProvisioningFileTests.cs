using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Tests.Configuration;

/// <summary>The provisioning file: versioned, digest-checked, all or nothing.</summary>
[TestFixture]
public sealed class ProvisioningFileTests
{
    [Test]
    public void A_written_file_reads_back_with_every_field()
    {
        DeviceConfiguration config = Valid();
        config.UnlockWindowMs = 45_000;
        config.MqttTls = true;
        config.WifiPassword = "密码 pass";

        ProvisioningResult result = ProvisioningFile.Decode(ProvisioningFile.Encode(config));

        Assert.That(result.Fault, Is.EqualTo(ConfigurationFault.None), result.Message);
        DeviceConfiguration read = result.Configuration!;
        Assert.That(read.DeviceId, Is.EqualTo(config.DeviceId));
        Assert.That(read.DeviceSecret, Is.EqualTo(config.DeviceSecret));
        Assert.That(read.GatewayUrl, Is.EqualTo(config.GatewayUrl));
        Assert.That(read.SleeveSealKinds, Is.EqualTo(config.SleeveSealKinds));
        Assert.That(read.UnlockWindowMs, Is.EqualTo(45_000u));
        Assert.That(read.ReturnWindowMs, Is.EqualTo(DeviceConfiguration.DefaultReturnWindowMs));
        Assert.That(read.MqttPort, Is.EqualTo(8883u), "TLS without a port means 8883");
        Assert.That(read.WifiPassword, Is.EqualTo("密码 pass"));
    }

    [Test]
    public void No_file_is_a_missing_fault()
    {
        Assert.That(ProvisioningFile.Decode(null).Fault, Is.EqualTo(ConfigurationFault.Missing));
    }

    [Test]
    public void Every_partial_file_is_refused_as_truncated()
    {
        byte[] file = ProvisioningFile.Encode(Valid());
        for (int length = 0; length < file.Length; length++)
        {
            ProvisioningResult result = ProvisioningFile.Decode(file[..length]);

            Assert.That(result.Fault, Is.EqualTo(ConfigurationFault.Truncated), $"length {length}: {result.Message}");
            Assert.That(result.Configuration, Is.Null);
        }
    }

    [Test]
    public void Any_flipped_byte_makes_the_file_invalid()
    {
        byte[] file = ProvisioningFile.Encode(Valid());
        for (int i = 0; i < file.Length; i++)
        {
            byte[] copy = (byte[])file.Clone();
            copy[i] ^= 0x10;

            ProvisioningResult result = ProvisioningFile.Decode(copy);

            Assert.That(result.IsValid, Is.False, $"byte {i}");
            Assert.That(result.Fault, Is.AnyOf(ConfigurationFault.IntegrityCheckFailed, ConfigurationFault.BadMagic, ConfigurationFault.UnsupportedVersion, ConfigurationFault.Truncated, ConfigurationFault.Malformed), $"byte {i}");
        }
    }

    [Test]
    public void A_file_of_another_format_version_is_refused_as_unsupported()
    {
        byte[] file = ProvisioningFile.Encode(Valid());
        file[5] = 2;
        Redigest(file);

        ProvisioningResult result = ProvisioningFile.Decode(file);

        Assert.That(result.Fault, Is.EqualTo(ConfigurationFault.UnsupportedVersion));
        Assert.That(result.Message, Does.Contain("version 2"));
    }

    [Test]
    public void A_file_that_is_not_a_provisioning_file_is_refused_as_bad_magic()
    {
        Assert.That(ProvisioningFile.Decode("{\"deviceId\":1}"u8.ToArray()).Fault, Is.EqualTo(ConfigurationFault.BadMagic));
    }

    [Test]
    public void A_digest_intact_file_with_an_invalid_field_is_refused_naming_the_field()
    {
        // Same payload with a 31-byte secret, written with a correct digest.
        byte[] file = ProvisioningFile.Encode(Valid());
        int secretAt = IndexOf(file, [0x12, 0x20]);
        byte[] broken = [.. file[..secretAt], 0x12, 0x1F, .. file[(secretAt + 2)..(secretAt + 2 + 31)], .. file[(secretAt + 2 + 32)..^32]];
        broken[9]--;
        broken = [.. broken, .. new byte[32]];
        Redigest(broken);

        ProvisioningResult result = ProvisioningFile.Decode(broken);

        Assert.That(result.Fault, Is.EqualTo(ConfigurationFault.InvalidField));
        Assert.That(result.Message, Does.Contain("device_secret"));
    }

    [TestCase("DeviceId", "device_id")]
    [TestCase("GatewayUrl", "gateway_url")]
    [TestCase("SleeveKinds", "sleeve3_seal_kind")]
    [TestCase("UnlockWindow", "unlock_window_ms")]
    public void Writing_an_invalid_configuration_is_refused_naming_the_field(string what, string field)
    {
        DeviceConfiguration config = Valid();
        switch (what)
        {
            case "DeviceId": config.DeviceId = "cab 1/2"; break;
            case "GatewayUrl": config.GatewayUrl = "ftp://x"; break;
            case "SleeveKinds": config.SleeveSealKinds = [SealKind.Party, SealKind.Committee, SealKind.Party]; break;
            default: config.UnlockWindowMs = 5; break;
        }

        Assert.That(() => ProvisioningFile.Encode(config), Throws.TypeOf<ArgumentException>().With.Message.Contains(field));
    }

    [Test]
    public void Every_number_the_file_accepts_reads_back_as_written_including_zero_and_the_extremes()
    {
        // A protobuf writer leaves zero fields out and the reader fills in defaults, so a value that is accepted but not
        // written would silently change on the way through the file: each uint setting is tried at 0, 1 and the largest.
        var properties = typeof(DeviceConfiguration).GetProperties().Where(p => p.PropertyType == typeof(uint) && p.CanWrite).ToList();
        Assert.That(properties, Has.Count.GreaterThan(10));
        foreach (var property in properties)
        {
            foreach (uint value in new uint[] { 0, 1, uint.MaxValue })
            {
                DeviceConfiguration config = Valid();
                property.SetValue(config, value);
                byte[] file;
                try
                {
                    file = ProvisioningFile.Encode(config);
                }
                catch (ArgumentException)
                {
                    continue;
                }

                ProvisioningResult read = ProvisioningFile.Decode(file);
                Assert.That(read.Fault, Is.EqualTo(ConfigurationFault.None), $"{property.Name} = {value}: {read.Message}");

                // The one documented exception: an MQTT port of 0 means the transport's default port.
                uint expected = property.Name == nameof(DeviceConfiguration.MqttPort) && value == 0 ? (config.MqttTls ? 8883U : 1883U) : value;
                Assert.That(property.GetValue(read.Configuration), Is.EqualTo(expected), $"{property.Name} = {value} was accepted but read back otherwise");
            }
        }
    }

    [Test]
    public void An_evidence_store_of_zero_bytes_is_refused_naming_the_field()
    {
        DeviceConfiguration config = Valid();
        config.EvidenceStoreBytes = 0;

        Assert.That(() => ProvisioningFile.Encode(config), Throws.TypeOf<ArgumentException>().With.Message.Contains("evidence_store_bytes must be 4096..16777216"));
    }

    internal static DeviceConfiguration Valid() => new()
    {
        DeviceId = "cab-0042",
        DeviceSecret = RandomNumberGenerator.GetBytes(32),
        GatewayUrl = "https://gw.example.org",
        MqttHost = "mqtt.example.org",
        SleeveSealKinds = [SealKind.Committee, SealKind.Party, SealKind.Cooperative],
        WifiSsid = "village-centre",
    };

    private static void Redigest(byte[] file)
    {
        byte[] digest = SHA256.HashData(file.AsSpan(0, file.Length - 32));
        digest.CopyTo(file, file.Length - 32);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 10; i < haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        throw new InvalidOperationException("not found");
    }
}
