namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A signed tree head as issued (size, root, time, DER signature, key id).</summary>
internal sealed class LedgerTreeHead
{
    public long Id { get; set; }

    public long TreeSize { get; set; }

    public required byte[] RootHash { get; set; }

    public long TimestampMs { get; set; }

    public required byte[] Signature { get; set; }

    public required byte[] KeyId { get; set; }
}
