using System.Buffers.Binary;
using SealCabinet.Ledger.Merkle;
using SealCabinet.Ledger.Verification;

namespace SealCabinet.Ledger.Tests;

public sealed class MerkleProofPropertyTests
{
    private const int MaxSize = 40;

    [Test]
    public async Task Every_inclusion_proof_in_every_tree_up_to_40_leaves_verifies()
    {
        var (source, leaves) = Build(MaxSize);
        var tree = new MerkleTree(source);
        for (ulong size = 1; size <= MaxSize; size++)
        {
            var root = await tree.RootHashAsync(size);
            Assert.That(root, Is.EqualTo(Rfc6962Hash.RootFromLeafHashes(leaves.Take((int)size).ToList())), $"root of {size}");
            for (ulong index = 0; index < size; index++)
            {
                var proof = await tree.InclusionProofAsync(index, size);
                Assert.That(MerkleProofVerifier.VerifyInclusion(index, size, leaves[(int)index], proof, root), Is.True, $"leaf {index} of {size}");
            }
        }
    }

    [Test]
    public async Task Any_flipped_bit_in_an_inclusion_proof_leaf_or_root_fails()
    {
        var (source, leaves) = Build(MaxSize);
        var tree = new MerkleTree(source);
        foreach (var (index, size) in new (ulong, ulong)[] { (0, 1), (5, 8), (6, 7), (12, 13), (0, 40), (39, 40), (21, 33) })
        {
            var root = await tree.RootHashAsync(size);
            var proof = await tree.InclusionProofAsync(index, size);
            for (var node = 0; node < proof.Count; node++)
            {
                for (var bit = 0; bit < 256; bit++)
                {
                    var flipped = proof.Select(p => (byte[])p.Clone()).ToList();
                    flipped[node][bit / 8] ^= (byte)(1 << (bit % 8));
                    Assert.That(MerkleProofVerifier.VerifyInclusion(index, size, leaves[(int)index], flipped, root), Is.False, $"{index}/{size} node {node} bit {bit}");
                }
            }

            for (var bit = 0; bit < 256; bit++)
            {
                Assert.That(MerkleProofVerifier.VerifyInclusion(index, size, Flip(leaves[(int)index], bit), proof, root), Is.False, $"leaf bit {bit}");
                Assert.That(MerkleProofVerifier.VerifyInclusion(index, size, leaves[(int)index], proof, Flip(root, bit)), Is.False, $"root bit {bit}");
            }
        }
    }

    [Test]
    public async Task Inclusion_proofs_fail_for_a_wrong_index_size_or_path_length()
    {
        var (source, leaves) = Build(MaxSize);
        var tree = new MerkleTree(source);
        for (ulong size = 2; size <= MaxSize; size++)
        {
            var root = await tree.RootHashAsync(size);
            for (ulong index = 0; index < size; index++)
            {
                var proof = await tree.InclusionProofAsync(index, size);
                var leaf = leaves[(int)index];
                Assert.That(MerkleProofVerifier.VerifyInclusion(index ^ 1, size, leaf, proof, root), Is.False, $"{index}^1 of {size}");
                Assert.That(MerkleProofVerifier.VerifyInclusion(index, size * 2, leaf, proof, root), Is.False, $"{index} of {size}*2");
                Assert.That(MerkleProofVerifier.VerifyInclusion(index, size, leaf, proof.Append(root).ToList(), root), Is.False, "extra node");
                Assert.That(MerkleProofVerifier.VerifyInclusion(index, size, leaf, proof.Take(proof.Count - 1).ToList(), root), Is.False, "short path");
            }
        }
    }

    [Test]
    public async Task Every_consistency_proof_verifies_and_any_flipped_bit_fails()
    {
        var (source, _) = Build(MaxSize);
        var tree = new MerkleTree(source);
        var random = new Random(7);
        for (ulong second = 1; second <= MaxSize; second++)
        {
            var secondRoot = await tree.RootHashAsync(second);
            for (ulong first = 1; first <= second; first++)
            {
                var firstRoot = await tree.RootHashAsync(first);
                var proof = await tree.ConsistencyProofAsync(first, second);
                Assert.That(MerkleProofVerifier.VerifyConsistency(first, second, firstRoot, secondRoot, proof), Is.True, $"{first}->{second}");
                if (first == second)
                {
                    continue;
                }

                for (var node = 0; node < proof.Count; node++)
                {
                    var flipped = proof.Select(p => (byte[])p.Clone()).ToList();
                    flipped[node] = Flip(flipped[node], random.Next(256));
                    Assert.That(MerkleProofVerifier.VerifyConsistency(first, second, firstRoot, secondRoot, flipped), Is.False, $"{first}->{second} node {node}");
                }

                Assert.That(MerkleProofVerifier.VerifyConsistency(first, second, Flip(firstRoot, random.Next(256)), secondRoot, proof), Is.False, "first root");
                Assert.That(MerkleProofVerifier.VerifyConsistency(first, second, firstRoot, Flip(secondRoot, random.Next(256)), proof), Is.False, "second root");
                Assert.That(MerkleProofVerifier.VerifyConsistency(first, second, firstRoot, secondRoot, []), Is.False, "empty proof");
                Assert.That(MerkleProofVerifier.VerifyConsistency(first, second, firstRoot, secondRoot, proof.Append(secondRoot).ToList()), Is.False, "extra node");
            }
        }
    }

    [Test]
    public async Task A_million_leaf_tree_with_a_warm_cache_answers_from_few_leaf_reads()
    {
        const ulong size = (1UL << 20) + 12_345;
        var (inner, leaves) = Build((int)size);
        var cache = new InMemorySubtreeHashCache();
        var counting = new CountingLeafHashSource(inner);
        var tree = new MerkleTree(counting, cache);

        var root = await tree.RootHashAsync(size);
        Assert.That(root, Is.EqualTo(Rfc6962Hash.RootFromLeafHashes(leaves)));
        Assert.That(counting.LeavesRead, Is.EqualTo((long)size), "a cold root reads every leaf once");

        counting.LeavesRead = 0;
        foreach (var index in new ulong[] { 0, 1, 777_777, size - 1 })
        {
            var proof = await tree.InclusionProofAsync(index, size);
            Assert.That(MerkleProofVerifier.VerifyInclusion(index, size, leaves[(int)index], proof, root), Is.True, $"leaf {index}");
        }

        var older = await tree.RootHashAsync(1_000_001);
        var consistency = await tree.ConsistencyProofAsync(1_000_001, size);
        Assert.That(MerkleProofVerifier.VerifyConsistency(1_000_001, size, older, root, consistency), Is.True);
        Assert.That(counting.LeavesRead, Is.LessThan(20_000), "warm proofs read only partial subtrees, never the whole tree");
    }

    private static (InMemoryLeafHashSource Source, List<byte[]> LeafHashes) Build(int size)
    {
        var source = new InMemoryLeafHashSource();
        var leafHashes = new List<byte[]>(size);
        var entry = new byte[8];
        for (var i = 0; i < size; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(entry, i * 7919L);
            var hash = Rfc6962Hash.Leaf(entry);
            source.AppendLeafHash(hash);
            leafHashes.Add(hash);
        }

        return (source, leafHashes);
    }

    private static byte[] Flip(byte[] hash, int bit)
    {
        var copy = (byte[])hash.Clone();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }
}
