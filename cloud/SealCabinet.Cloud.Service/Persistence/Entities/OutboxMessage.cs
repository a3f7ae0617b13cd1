namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// An MQTT message to publish, written in the same transaction as the fact it announces and published by
/// Grants/OutboxDispatcher (any replica), so a crash or a broker outage delays it but never loses it.
/// </summary>
internal sealed class OutboxMessage
{
    public long Id { get; set; }

    public required string Topic { get; set; }

    public required byte[] Payload { get; set; }

    public Guid? GrantId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? LastError { get; set; }
}
