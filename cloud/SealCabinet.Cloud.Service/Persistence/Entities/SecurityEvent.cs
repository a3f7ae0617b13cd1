namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// Something a supervisor must be able to see: a refused or suspicious device call, a chain problem, an
/// audited chain restart (table <c>security_events</c>; kinds in Ingestion/SecurityEventKinds).
/// </summary>
internal sealed class SecurityEvent
{
    public long Id { get; set; }

    public string? DeviceId { get; set; }

    public required string Kind { get; set; }

    public long? Seq { get; set; }

    public int? ChainEpoch { get; set; }

    public string Detail { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }
}
