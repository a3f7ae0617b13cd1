namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>The bytes of an evidence object at one offset (table <c>evidence_chunks</c>, the PostgreSQL evidence store).</summary>
internal sealed class EvidenceChunkRow
{
    public required string DeviceId { get; set; }

    public required string EvidenceId { get; set; }

    public int Offset { get; set; }

    public required byte[] Data { get; set; }
}
