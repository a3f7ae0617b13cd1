using SealCabinet.Ledger.Verification;

namespace SealCabinet.Ledger.Merkle;

/// <summary>An append-only list of leaf hashes in memory (tests, offline verification, small tools).</summary>
public sealed class InMemoryLeafHashSource : ILeafHashSource
{
    private readonly List<byte[]> leafHashes = [];

    /// <summary>Number of leaves appended so far.</summary>
    public ulong Count => (ulong)leafHashes.Count;

    /// <summary>Appends the leaf hash of <paramref name="entry"/> and returns its index.</summary>
    public ulong AppendEntry(ReadOnlySpan<byte> entry) => AppendLeafHash(Rfc6962Hash.Leaf(entry));

    /// <summary>Appends an already computed 32-byte leaf hash and returns its index.</summary>
    public ulong AppendLeafHash(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (leafHash.Length != Rfc6962Hash.Size)
        {
            throw new ArgumentException($"leaf hash must be {Rfc6962Hash.Size} bytes, got {leafHash.Length}", nameof(leafHash));
        }

        leafHashes.Add((byte[])leafHash.Clone());
        return (ulong)(leafHashes.Count - 1);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<byte[]>> GetLeafHashesAsync(ulong start, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start > (ulong)leafHashes.Count || (ulong)count > (ulong)leafHashes.Count - start)
        {
            throw new ArgumentOutOfRangeException(
                nameof(start), $"leaves [{start}, {start + (ulong)count}) requested but only {leafHashes.Count} are stored");
        }

        IReadOnlyList<byte[]> range = leafHashes.GetRange((int)start, count);
        return ValueTask.FromResult(range);
    }
}
