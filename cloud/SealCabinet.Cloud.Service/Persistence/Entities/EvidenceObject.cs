namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// A photo a cabinet took (table <c>evidence_objects</c>): what its signed EVIDENCE_CAPTURED event says about
/// it and how far its upload has come. The bytes live behind Evidence/IEvidenceStore.
/// </summary>
internal sealed class EvidenceObject
{
    public required string DeviceId { get; set; }

    public required string EvidenceId { get; set; }

    /// <summary>The wire <c>EvidenceKind</c> number (0 until the event arrived).</summary>
    public int Kind { get; set; }

    public int TotalSize { get; set; }

    /// <summary>Contiguous bytes stored from offset 0: where an interrupted upload resumes.</summary>
    public int ReceivedBytes { get; set; }

    public bool Complete { get; set; }

    /// <summary>True once the whole object matched <see cref="EvidenceMac"/>.</summary>
    public bool Verified { get; set; }

    /// <summary>The evidence MAC from the signed event; null while only chunks have arrived.</summary>
    public byte[]? EvidenceMac { get; set; }

    public Guid? GrantId { get; set; }

    public Guid? RequestId { get; set; }

    public string ContentType { get; set; } = "";

    /// <summary>Seq of the EVIDENCE_CAPTURED event (null while only chunks have arrived).</summary>
    public long? EventSeq { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
