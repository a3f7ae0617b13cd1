namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>The hash of a complete subtree (2^level leaves from index × 2^level); immutable once complete.</summary>
internal sealed class LedgerSubtreeHash
{
    public int Level { get; set; }

    public long Index { get; set; }

    public required byte[] Hash { get; set; }
}
