using FsCheck;
using FsCheck.Fluent;
using SealCabinet.Firmware.Core.Crypto;

namespace SealCabinet.Firmware.Core.Tests.Crypto;

/// <summary>The managed SHA-256 against NIST vectors and the BCL.</summary>
[TestFixture]
public sealed class Sha256Tests
{
    [TestCase("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [TestCase("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void Nist_test_vectors_hash_to_the_published_digests(string message, string digest)
    {
        Assert.That(Convert.ToHexStringLower(Sha256.Hash(System.Text.Encoding.ASCII.GetBytes(message))), Is.EqualTo(digest));
    }

    [Test]
    public void One_million_a_hashes_to_the_nist_digest()
    {
        byte[] million = Enumerable.Repeat((byte)'a', 1_000_000).ToArray();

        Assert.That(Convert.ToHexStringLower(Sha256.Hash(million)), Is.EqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    [Test]
    public void Every_length_around_the_block_boundaries_matches_the_bcl()
    {
        Random random = new(1);
        for (int length = 0; length <= 200; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);

            Assert.That(Sha256.Hash(data), Is.EqualTo(System.Security.Cryptography.SHA256.HashData(data)), $"length {length}");
        }
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public FsCheck.Property Random_input_fed_in_random_pieces_matches_the_bcl(byte[] data, PositiveInt split)
    {
        Sha256 sha = new();
        int first = split.Get % (data.Length + 1);
        sha.Update(data, 0, first);
        sha.Update(data, first, data.Length - first);
        byte[] digest = new byte[32];
        sha.Finish(digest, 0);

        return Prop.Label(digest.SequenceEqual(System.Security.Cryptography.SHA256.HashData(data)), Convert.ToHexString(data));
    }
}
