namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A finding of one anomaly rule about one subject (one anomaly per rule and subject).</summary>
internal sealed class Anomaly
{
    public Guid Id { get; set; }

    public required string Rule { get; set; }

    /// <summary>What the finding is about, unique per rule (e.g. a grant id, "device/epoch/seq").</summary>
    public required string Subject { get; set; }

    public required string VillageId { get; set; }

    public string? DeviceId { get; set; }

    public Guid? RequestId { get; set; }

    public required string Summary { get; set; }

    /// <summary>Ledger indexes of the entries that show the finding.</summary>
    public long[] Evidence { get; set; } = [];

    /// <summary>The ledger index of this anomaly's own anomaly.raised entry.</summary>
    public long LedgerIndex { get; set; }

    public AnomalyStatus Status { get; set; }

    public string Note { get; set; } = "";

    public string? UpdatedBy { get; set; }

    public DateTimeOffset DetectedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
