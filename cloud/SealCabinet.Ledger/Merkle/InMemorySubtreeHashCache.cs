using System.Collections.Concurrent;

namespace SealCabinet.Ledger.Merkle;

/// <summary>A complete-subtree hash cache in process memory.</summary>
public sealed class InMemorySubtreeHashCache : ISubtreeHashCache
{
    private readonly ConcurrentDictionary<(int Level, ulong Index), byte[]> hashes = new();

    /// <summary>Number of subtree hashes stored.</summary>
    public int Count => hashes.Count;

    /// <inheritdoc />
    public ValueTask<byte[]?> TryGetAsync(int level, ulong index, CancellationToken cancellationToken) =>
        ValueTask.FromResult(hashes.TryGetValue((level, index), out var hash) ? hash : null);

    /// <inheritdoc />
    public ValueTask StoreAsync(int level, ulong index, byte[] hash, CancellationToken cancellationToken)
    {
        hashes.TryAdd((level, index), hash);
        return ValueTask.CompletedTask;
    }
}
