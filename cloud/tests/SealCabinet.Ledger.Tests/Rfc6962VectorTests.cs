using SealCabinet.Ledger.Merkle;
using SealCabinet.Ledger.Verification;

namespace SealCabinet.Ledger.Tests;

/// <summary>
/// The published RFC 6962 reference vectors (certificate-transparency cpp/merkletree/merkle_tree_test.cc,
/// transparency-dev/merkle testonly/constants.go). The CT file numbers leaves from 1; indexes here are 0-based.
/// </summary>
public sealed class Rfc6962VectorTests
{
    private static readonly string[] Inputs =
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static readonly object[] InclusionVectors =
    [
        new object[] { 0UL, 8UL, new[] { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
        new object[] { 5UL, 8UL, new[] { "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
        new object[] { 2UL, 3UL, new[] { "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" } },
        new object[] { 1UL, 5UL, new[] { "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
        new object[] { 0UL, 1UL, System.Array.Empty<string>() },
    ];

    private static readonly object[] ConsistencyVectors =
    [
        new object[] { 1UL, 1UL, System.Array.Empty<string>() },
        new object[] { 1UL, 8UL, new[] { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
        new object[] { 6UL, 8UL, new[] { "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
        new object[] { 2UL, 5UL, new[] { "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
    ];

    [Test]
    public async Task Roots_of_every_size_match_the_published_values()
    {
        var tree = new MerkleTree(Leaves());
        for (var size = 0; size <= Inputs.Length; size++)
        {
            Assert.That(Convert.ToHexStringLower(await tree.RootHashAsync((ulong)size)), Is.EqualTo(Roots[size]), $"size {size}");
        }
    }

    [Test]
    public void The_verifier_computes_the_same_roots_from_leaf_hashes()
    {
        var leafHashes = Inputs.Select(i => Rfc6962Hash.Leaf(Convert.FromHexString(i))).ToList();
        for (var size = 0; size <= Inputs.Length; size++)
        {
            Assert.That(Convert.ToHexStringLower(Rfc6962Hash.RootFromLeafHashes(leafHashes.Take(size).ToList())), Is.EqualTo(Roots[size]), $"size {size}");
        }
    }

    [TestCaseSource(nameof(InclusionVectors))]
    public async Task Inclusion_proofs_match_the_published_paths_and_verify(ulong index, ulong size, string[] path)
    {
        var proof = await new MerkleTree(Leaves()).InclusionProofAsync(index, size);
        Assert.That(proof.Select(Convert.ToHexStringLower), Is.EqualTo(path));
        var leaf = Rfc6962Hash.Leaf(Convert.FromHexString(Inputs[index]));
        Assert.That(MerkleProofVerifier.VerifyInclusion(index, size, leaf, Hex(path), Convert.FromHexString(Roots[size])), Is.True);
    }

    [TestCaseSource(nameof(ConsistencyVectors))]
    public async Task Consistency_proofs_match_the_published_proofs_and_verify(ulong first, ulong second, string[] expected)
    {
        var proof = await new MerkleTree(Leaves()).ConsistencyProofAsync(first, second);
        Assert.That(proof.Select(Convert.ToHexStringLower), Is.EqualTo(expected));
        Assert.That(
            MerkleProofVerifier.VerifyConsistency(first, second, Convert.FromHexString(Roots[first]), Convert.FromHexString(Roots[second]), Hex(expected)),
            Is.True);
    }

    [Test]
    public void Published_consistency_proof_fails_with_the_roots_swapped()
    {
        var proof = Hex(["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]);
        Assert.That(MerkleProofVerifier.VerifyConsistency(6, 8, Convert.FromHexString(Roots[8]), Convert.FromHexString(Roots[6]), proof), Is.False);
    }

    [Test]
    public void Leaf_and_node_hashes_use_the_0x00_and_0x01_prefixes()
    {
        var emptyLeaf = Rfc6962Hash.Leaf([]);
        Assert.That(Convert.ToHexStringLower(emptyLeaf), Is.EqualTo(Roots[1]));
        var second = Rfc6962Hash.Leaf([0x00]);
        Assert.That(Convert.ToHexStringLower(Rfc6962Hash.Node(emptyLeaf, second)), Is.EqualTo(Roots[2]));
    }

    private static InMemoryLeafHashSource Leaves()
    {
        var source = new InMemoryLeafHashSource();
        foreach (var input in Inputs)
        {
            source.AppendEntry(Convert.FromHexString(input));
        }

        return source;
    }

    private static List<byte[]> Hex(IEnumerable<string> hashes) => hashes.Select(Convert.FromHexString).ToList();
}
