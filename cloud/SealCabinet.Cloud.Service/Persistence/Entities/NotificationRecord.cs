namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// A notification (table <c>notifications</c>), written in the same transaction as the fact it announces;
/// <see cref="Id"/> is the subscribers' resume point. Written by Notifications/NotificationWriter only.
/// </summary>
internal sealed class NotificationRecord
{
    public long Id { get; set; }

    /// <summary>The wire <c>NotificationKind</c> number.</summary>
    public int Kind { get; set; }

    public string? VillageId { get; set; }

    public string? TownId { get; set; }

    public Guid? RequestId { get; set; }

    public string? DeviceId { get; set; }

    /// <summary>Who may see it: <c>person:{id}</c>, <c>role:supervisor</c>, <c>role:approver:{SEAL_KIND}</c> (Notifications/Audience).</summary>
    public required string[] Audience { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    /// <summary>Kind-specific fields as JSON (press count, evidence ids, reasons).</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
