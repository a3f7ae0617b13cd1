namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>One ledger entry: the canonical record bytes and their RFC 6962 leaf hash at a dense zero-based index.</summary>
internal sealed class LedgerEntry
{
    public long Index { get; set; }

    public required string Kind { get; set; }

    public required byte[] Record { get; set; }

    public required byte[] LeafHash { get; set; }

    public DateTimeOffset AppendedAt { get; set; }
}
