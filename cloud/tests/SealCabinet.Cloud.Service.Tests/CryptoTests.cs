using System.Security.Cryptography;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Tests.Infrastructure;

namespace SealCabinet.Cloud.Service.Tests;

[TestFixture]
public sealed class CryptoTests
{
    [TestCase("event")]
    [TestCase("grant")]
    [TestCase("time")]
    [TestCase("evidence")]
    [TestCase("mqtt")]
    public void Service_key_derivation_matches_the_independent_derivation(string purpose)
    {
        var secret = RandomNumberGenerator.GetBytes(32);

        Assert.That(DeviceKeys.Derive(secret, purpose), Is.EqualTo(TestCrypto.Key(secret, purpose)));
    }

    [Test]
    public void A_known_secret_derives_the_known_grant_key()
    {
        // Secret 00 01 … 1f; expected value computed with Python's hmac module, a third implementation.
        var secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

        Assert.That(Convert.ToHexStringLower(DeviceKeys.Derive(secret, "grant")), Is.EqualTo(KnownGrantKey));
    }

    [Test]
    public void A_sealed_secret_opens_with_the_same_key_and_device_id()
    {
        var protector = new MasterKeyProtector(RandomNumberGenerator.GetBytes(32));
        var secret = RandomNumberGenerator.GetBytes(32);

        Assert.That(protector.Open("cab-1", protector.Seal("cab-1", secret)), Is.EqualTo(secret));
    }

    [Test]
    public void A_sealed_secret_does_not_open_for_another_device()
    {
        var protector = new MasterKeyProtector(RandomNumberGenerator.GetBytes(32));
        var sealedSecret = protector.Seal("cab-1", RandomNumberGenerator.GetBytes(32));

        Assert.Throws<AuthenticationTagMismatchException>(() => protector.Open("cab-2", sealedSecret));
    }

    [Test]
    public void A_tampered_sealed_secret_does_not_open()
    {
        var protector = new MasterKeyProtector(RandomNumberGenerator.GetBytes(32));
        var sealedSecret = protector.Seal("cab-1", RandomNumberGenerator.GetBytes(32));
        sealedSecret[20] ^= 1;

        Assert.Throws<AuthenticationTagMismatchException>(() => protector.Open("cab-1", sealedSecret));
    }

    [Test]
    public void A_sealed_secret_does_not_open_under_another_master_key()
    {
        var sealedSecret = new MasterKeyProtector(RandomNumberGenerator.GetBytes(32)).Seal("cab-1", RandomNumberGenerator.GetBytes(32));

        Assert.Throws<AuthenticationTagMismatchException>(() => new MasterKeyProtector(RandomNumberGenerator.GetBytes(32)).Open("cab-1", sealedSecret));
    }

    [Test]
    public void A_mac_of_the_wrong_length_does_not_verify()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var data = "x"u8.ToArray();
        var mac = DeviceKeys.Mac(key, data);

        Assert.That(DeviceKeys.VerifyMac(key, data, mac), Is.True);
        Assert.That(DeviceKeys.VerifyMac(key, data, mac.AsSpan(0, 31)), Is.False);
        Assert.That(DeviceKeys.VerifyMac(key, "y"u8, mac), Is.False);
    }

    private const string KnownGrantKey = "dfd0765bf500b27fb0e4e9cd0b88ccad9262d55df73a142cffaca734dfcd828c";
}
