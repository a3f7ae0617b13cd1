using System.Text.Json.Serialization;

namespace SealCabinet.Cloud.Service.Recording;

/// <summary>The kind-specific part of a notification, stored as <c>notifications.payload</c> (JSON).</summary>
internal sealed record NotificationPayload(
    [property: JsonPropertyName("press_count")] int PressCount,
    [property: JsonPropertyName("evidence_ids")] IReadOnlyList<string> EvidenceIds,
    [property: JsonPropertyName("reason")] string? Reason);
