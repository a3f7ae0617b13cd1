namespace SealCabinet.Cloud.Service.Recording;

/// <summary>A notification about to be written with the fact it announces.</summary>
internal sealed record NotificationDraft(
    NotificationKind Kind,
    string? VillageId,
    string? TownId,
    Guid? RequestId,
    string? DeviceId,
    IReadOnlyList<string> Audience,
    string Title,
    string Body,
    DateTimeOffset OccurredAt)
{
    /// <summary>Presses counted (STAMPING_COMPLETED).</summary>
    public int PressCount { get; init; }

    /// <summary>Evidence ids (STAMPING_COMPLETED).</summary>
    public IReadOnlyList<string> EvidenceIds { get; init; } = [];

    /// <summary>A short machine-readable reason (refusal reason, security event kind, alarm type).</summary>
    public string? Reason { get; init; }
}
