namespace SealCabinet.Ledger.Merkle;

/// <summary>
/// Where the tree's leaf hashes live (memory in tests, a PostgreSQL table in the service).
/// Implementations return hashes of an append-only sequence: a hash once returned for an index never changes.
/// </summary>
public interface ILeafHashSource
{
    /// <summary>
    /// Returns the leaf hashes of indexes [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>),
    /// in order, 32 bytes each. Throws <see cref="ArgumentOutOfRangeException"/> when the range is not stored.
    /// </summary>
    ValueTask<IReadOnlyList<byte[]>> GetLeafHashesAsync(ulong start, int count, CancellationToken cancellationToken);
}
