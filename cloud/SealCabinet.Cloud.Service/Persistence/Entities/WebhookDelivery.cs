namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// One notification to post to the configured webhook (table <c>webhook_deliveries</c>, an outbox): retried
/// with back-off until the receiver accepts it.
/// </summary>
internal sealed class WebhookDelivery
{
    public long Id { get; set; }

    public long NotificationId { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
