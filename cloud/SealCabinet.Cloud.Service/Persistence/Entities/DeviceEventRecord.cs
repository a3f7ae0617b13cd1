namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// One stored device event (table <c>device_events</c>). <see cref="EventBytes"/> and <see cref="Mac"/> are
/// exactly what the cabinet signed; the other columns are decoded from them for queries and rules.
/// Rows are written by the ingestion pipeline with a multi-row insert, never through the change tracker.
/// </summary>
internal sealed class DeviceEventRecord
{
    public required string DeviceId { get; set; }

    public int ChainEpoch { get; set; }

    public long Seq { get; set; }

    /// <summary>The wire <c>EventType</c> number.</summary>
    public int EventType { get; set; }

    public int Sleeve { get; set; }

    public Guid? GrantId { get; set; }

    public long GrantCounter { get; set; }

    public int PressCount { get; set; }

    /// <summary>The device's wall-clock estimate; null when it had none (device_time_ms = 0).</summary>
    public DateTimeOffset? DeviceTime { get; set; }

    public long UptimeMs { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Exactly <c>SignedEvent.event</c>.</summary>
    public required byte[] EventBytes { get; set; }

    public required byte[] Mac { get; set; }

    /// <summary>SHA-256 of <see cref="EventBytes"/> (the next event's prev_hash).</summary>
    public required byte[] EventHash { get; set; }

    /// <summary>The wire <c>GrantRefusalReason</c> number (GRANT_REFUSED only).</summary>
    public int RefusalReason { get; set; }

    public string? EvidenceId { get; set; }

    /// <summary>The wire <c>EvidenceKind</c> number (EVIDENCE_CAPTURED only).</summary>
    public int EvidenceKind { get; set; }

    public string Detail { get; set; } = "";
}
