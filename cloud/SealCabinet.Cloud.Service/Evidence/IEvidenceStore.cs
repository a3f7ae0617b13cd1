namespace SealCabinet.Cloud.Service.Evidence;

/// <summary>
/// Where evidence bytes live. The embedded default is PostgreSQL (<see cref="PostgresEvidenceStore"/>); an
/// S3-compatible store implements the same two calls (a chunk per object part, read back whole). Metadata
/// and upload progress stay in <c>evidence_objects</c>, so a store needs no transactions.
/// </summary>
internal interface IEvidenceStore
{
    /// <summary>Stores <paramref name="data"/> at <paramref name="offset"/> of the object; storing the same part again is harmless.</summary>
    Task PutChunkAsync(string deviceId, string evidenceId, int offset, ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>Reads the first <paramref name="size"/> bytes of the object (all of its parts, in order).</summary>
    Task<byte[]> ReadAsync(string deviceId, string evidenceId, int size, CancellationToken ct);
}
