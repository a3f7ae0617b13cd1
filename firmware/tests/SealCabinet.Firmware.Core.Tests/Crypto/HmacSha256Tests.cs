using FsCheck;
using FsCheck.Fluent;
using SealCabinet.Firmware.Core.Crypto;

namespace SealCabinet.Firmware.Core.Tests.Crypto;

/// <summary>The managed HMAC-SHA256 against RFC 4231 and the BCL.</summary>
[TestFixture]
public sealed class HmacSha256Tests
{
    private static readonly string Case6Data = "Test Using Larger Than Block-Size Key - Hash Key First";
    private static readonly string Case7Data = "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.";

    private static IEnumerable<TestCaseData> Rfc4231() =>
    [
        new TestCaseData(Repeat(0x0b, 20), System.Text.Encoding.ASCII.GetBytes("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7").SetName("Rfc4231_case_1_gives_the_published_mac"),
        new TestCaseData(System.Text.Encoding.ASCII.GetBytes("Jefe"), System.Text.Encoding.ASCII.GetBytes("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843").SetName("Rfc4231_case_2_gives_the_published_mac"),
        new TestCaseData(Repeat(0xaa, 20), Repeat(0xdd, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe").SetName("Rfc4231_case_3_gives_the_published_mac"),
        new TestCaseData(Enumerable.Range(1, 25).Select(i => (byte)i).ToArray(), Repeat(0xcd, 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b").SetName("Rfc4231_case_4_gives_the_published_mac"),
        new TestCaseData(Repeat(0xaa, 131), System.Text.Encoding.ASCII.GetBytes(Case6Data), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54").SetName("Rfc4231_case_6_gives_the_published_mac"),
        new TestCaseData(Repeat(0xaa, 131), System.Text.Encoding.ASCII.GetBytes(Case7Data), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2").SetName("Rfc4231_case_7_gives_the_published_mac"),
    ];

    [TestCaseSource(nameof(Rfc4231))]
    public void Rfc4231_vectors(byte[] key, byte[] data, string mac)
    {
        Assert.That(Convert.ToHexStringLower(HmacSha256.Compute(key, data)), Is.EqualTo(mac));
    }

    [Test]
    public void Rfc4231_case_5_truncated_to_128_bits_gives_the_published_mac()
    {
        byte[] mac = HmacSha256.Compute(Repeat(0x0c, 20), System.Text.Encoding.ASCII.GetBytes("Test With Truncation"));

        Assert.That(Convert.ToHexStringLower(mac[..16]), Is.EqualTo("a3b6167473100ee06e0c796c2955552b"));
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public FsCheck.Property Random_keys_and_messages_match_the_bcl(byte[] key, byte[] data)
    {
        ManagedMacProvider provider = new();

        byte[] managed = provider.ComputeHmacSha256(key, data, 0, data.Length);

        return Prop.Label(managed.SequenceEqual(System.Security.Cryptography.HMACSHA256.HashData(key, data)), Convert.ToHexString(key) + "/" + Convert.ToHexString(data));
    }

    [Test]
    public void A_reused_instance_gives_the_same_mac_every_time()
    {
        byte[] key = Repeat(7, 32);
        HmacSha256 mac = new(key);
        byte[] data = Repeat(1, 1000);

        byte[] first = mac.Compute(data, 0, data.Length);
        byte[] second = mac.Compute(data, 0, data.Length);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Is.EqualTo(System.Security.Cryptography.HMACSHA256.HashData(key, data)));
    }

    [Test]
    public void Equal_arrays_compare_equal_and_any_single_bit_flip_does_not()
    {
        byte[] a = Repeat(0x5a, 32);

        Assert.That(ConstantTime.AreEqual(a, (byte[])a.Clone()), Is.True);
        for (int i = 0; i < a.Length * 8; i++)
        {
            byte[] b = (byte[])a.Clone();
            b[i / 8] ^= (byte)(1 << (i % 8));
            Assert.That(ConstantTime.AreEqual(a, b), Is.False, $"bit {i}");
        }

        Assert.That(ConstantTime.AreEqual(a, a[..31]), Is.False);
        Assert.That(ConstantTime.AreEqual(a, null), Is.False);
    }

    private static byte[] Repeat(int value, int count) => Enumerable.Repeat((byte)value, count).ToArray();
}
