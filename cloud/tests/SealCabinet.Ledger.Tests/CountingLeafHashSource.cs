using SealCabinet.Ledger.Merkle;

namespace SealCabinet.Ledger.Tests;

/// <summary>Wraps a leaf source and counts how many leaf hashes were read through it.</summary>
internal sealed class CountingLeafHashSource(ILeafHashSource inner) : ILeafHashSource
{
    public long LeavesRead { get; set; }

    public ValueTask<IReadOnlyList<byte[]>> GetLeafHashesAsync(ulong start, int count, CancellationToken cancellationToken)
    {
        LeavesRead += count;
        return inner.GetLeafHashesAsync(start, count, cancellationToken);
    }
}
