using System.Security.Cryptography;

namespace SealCabinet.Ledger.Verification;

/// <summary>
/// The RFC 6962 / RFC 9162 §2.1.1 hash functions with SHA-256: leaves are hashed with a 0x00 prefix,
/// interior nodes with a 0x01 prefix, so a leaf can never be passed off as a node (second-preimage defence).
/// </summary>
public static class Rfc6962Hash
{
    /// <summary>Length in bytes of every hash (SHA-256).</summary>
    public const int Size = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>MTH({}) = SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>Leaf hash: SHA-256(0x00 || entry).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([LeafPrefix]);
        hash.AppendData(entry);
        return hash.GetHashAndReset();
    }

    /// <summary>Interior node hash: SHA-256(0x01 || left || right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>
    /// MTH over the given leaf hashes. Pairing neighbours level by level and carrying a lone last node up
    /// unchanged gives exactly RFC 6962's "largest power of two smaller than n" split.
    /// </summary>
    public static byte[] RootFromLeafHashes(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        if (leafHashes.Count == 0)
        {
            return EmptyRoot();
        }

        var level = new byte[leafHashes.Count][];
        for (var i = 0; i < level.Length; i++)
        {
            level[i] = leafHashes[i];
        }

        var count = level.Length;
        while (count > 1)
        {
            var next = 0;
            for (var i = 0; i + 1 < count; i += 2)
            {
                level[next++] = Node(level[i], level[i + 1]);
            }

            if (count % 2 == 1)
            {
                level[next++] = level[count - 1];
            }

            count = next;
        }

        return level[0];
    }
}
