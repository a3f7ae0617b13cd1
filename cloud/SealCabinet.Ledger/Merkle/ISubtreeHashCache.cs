namespace SealCabinet.Ledger.Merkle;

/// <summary>
/// Optional store of complete-subtree hashes. A complete subtree (2^level leaves starting at index × 2^level)
/// never changes in an append-only log, so its hash can be computed once and kept.
/// </summary>
public interface ISubtreeHashCache
{
    /// <summary>Returns the stored hash of the complete subtree, or null when not stored.</summary>
    ValueTask<byte[]?> TryGetAsync(int level, ulong index, CancellationToken cancellationToken);

    /// <summary>Stores the hash of the complete subtree (idempotent: the same subtree always has the same hash).</summary>
    ValueTask StoreAsync(int level, ulong index, byte[] hash, CancellationToken cancellationToken);
}
