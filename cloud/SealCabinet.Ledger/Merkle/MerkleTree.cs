using System.Numerics;
using SealCabinet.Ledger.Verification;

namespace SealCabinet.Ledger.Merkle;

/// <summary>
/// Computes RFC 6962 / RFC 9162 tree hashes, inclusion proofs and consistency proofs over leaf hashes read from an
/// <see cref="ILeafHashSource"/>. Small subtrees are hashed from one range read; complete subtrees of at least
/// <see cref="CacheMinLevel"/> levels go through the optional <see cref="ISubtreeHashCache"/>, so with a warm cache a
/// root or proof over a million leaves costs a few dozen lookups instead of a million hashes.
/// </summary>
public sealed class MerkleTree
{
    /// <summary>Subtrees of up to this many leaves are read in one call and hashed in memory.</summary>
    public const int ChunkLeaves = 1024;

    /// <summary>Complete subtrees of 2^CacheMinLevel leaves or more are cached.</summary>
    public const int CacheMinLevel = 10;

    private readonly ILeafHashSource leaves;
    private readonly ISubtreeHashCache? cache;

    /// <summary>Creates a tree over <paramref name="leaves"/>, optionally caching complete subtrees in <paramref name="cache"/>.</summary>
    public MerkleTree(ILeafHashSource leaves, ISubtreeHashCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        this.leaves = leaves;
        this.cache = cache;
    }

    /// <summary>MTH of the first <paramref name="treeSize"/> leaves (SHA-256 of the empty string for 0).</summary>
    public async ValueTask<byte[]> RootHashAsync(ulong treeSize, CancellationToken cancellationToken = default) =>
        treeSize == 0 ? Rfc6962Hash.EmptyRoot() : await SubtreeHashAsync(0, treeSize, cancellationToken).ConfigureAwait(false);

    /// <summary>The stored leaf hashes of [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    public ValueTask<IReadOnlyList<byte[]>> LeafHashesAsync(ulong start, int count, CancellationToken cancellationToken = default) =>
        leaves.GetLeafHashesAsync(start, count, cancellationToken);

    /// <summary>The audit path PATH(m, D[n]) of RFC 6962 §2.1.1, ordered from the leaf towards the root.</summary>
    public async ValueTask<IReadOnlyList<byte[]>> InclusionProofAsync(ulong leafIndex, ulong treeSize, CancellationToken cancellationToken = default)
    {
        if (leafIndex >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(leafIndex), leafIndex, $"leaf index must be below the tree size {treeSize}");
        }

        var path = new List<byte[]>();
        await AppendPathAsync(path, leafIndex, 0, treeSize, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>The consistency proof PROOF(m, D[n]) of RFC 6962 §2.1.2 (empty when the sizes are equal or the first is 0).</summary>
    public async ValueTask<IReadOnlyList<byte[]>> ConsistencyProofAsync(ulong firstSize, ulong secondSize, CancellationToken cancellationToken = default)
    {
        if (firstSize > secondSize)
        {
            throw new ArgumentOutOfRangeException(nameof(firstSize), firstSize, $"first size must not exceed the second size {secondSize}");
        }

        var proof = new List<byte[]>();
        if (firstSize > 0 && firstSize < secondSize)
        {
            await AppendSubproofAsync(proof, firstSize, 0, secondSize, true, cancellationToken).ConfigureAwait(false);
        }

        return proof;
    }

    private async ValueTask AppendPathAsync(List<byte[]> path, ulong m, ulong start, ulong n, CancellationToken cancellationToken)
    {
        if (n == 1)
        {
            return;
        }

        var k = SplitPoint(n);
        if (m < k)
        {
            await AppendPathAsync(path, m, start, k, cancellationToken).ConfigureAwait(false);
            path.Add(await SubtreeHashAsync(start + k, n - k, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            await AppendPathAsync(path, m - k, start + k, n - k, cancellationToken).ConfigureAwait(false);
            path.Add(await SubtreeHashAsync(start, k, cancellationToken).ConfigureAwait(false));
        }
    }

    private async ValueTask AppendSubproofAsync(List<byte[]> proof, ulong m, ulong start, ulong n, bool wholeFirstTree, CancellationToken cancellationToken)
    {
        if (m == n)
        {
            if (!wholeFirstTree)
            {
                proof.Add(await SubtreeHashAsync(start, n, cancellationToken).ConfigureAwait(false));
            }

            return;
        }

        var k = SplitPoint(n);
        if (m <= k)
        {
            await AppendSubproofAsync(proof, m, start, k, wholeFirstTree, cancellationToken).ConfigureAwait(false);
            proof.Add(await SubtreeHashAsync(start + k, n - k, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            await AppendSubproofAsync(proof, m - k, start + k, n - k, false, cancellationToken).ConfigureAwait(false);
            proof.Add(await SubtreeHashAsync(start, k, cancellationToken).ConfigureAwait(false));
        }
    }

    private async ValueTask<byte[]> SubtreeHashAsync(ulong start, ulong n, CancellationToken cancellationToken)
    {
        var complete = BitOperations.IsPow2(n) && start % n == 0;
        var level = BitOperations.Log2(n);
        var cacheable = cache is not null && complete && level >= CacheMinLevel;
        if (cacheable)
        {
            var cached = await cache!.TryGetAsync(level, start >> level, cancellationToken).ConfigureAwait(false);
            if (cached is not null)
            {
                return cached;
            }
        }

        byte[] hash;
        if (n <= ChunkLeaves)
        {
            var leafHashes = await leaves.GetLeafHashesAsync(start, (int)n, cancellationToken).ConfigureAwait(false);
            if ((ulong)leafHashes.Count != n)
            {
                throw new InvalidOperationException($"leaf source returned {leafHashes.Count} hashes for [{start}, {start + n})");
            }

            hash = Rfc6962Hash.RootFromLeafHashes(leafHashes);
        }
        else
        {
            var k = SplitPoint(n);
            var left = await SubtreeHashAsync(start, k, cancellationToken).ConfigureAwait(false);
            var right = await SubtreeHashAsync(start + k, n - k, cancellationToken).ConfigureAwait(false);
            hash = Rfc6962Hash.Node(left, right);
        }

        if (cacheable)
        {
            await cache!.StoreAsync(level, start >> level, hash, cancellationToken).ConfigureAwait(false);
        }

        return hash;
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n ≥ 2).</summary>
    private static ulong SplitPoint(ulong n) => BitOperations.RoundUpToPowerOf2(n) >> 1;
}
