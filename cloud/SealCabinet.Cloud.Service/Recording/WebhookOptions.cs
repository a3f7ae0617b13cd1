namespace SealCabinet.Cloud.Service.Recording;

/// <summary>Configuration section <c>Webhook</c>: where notifications are posted for integrations (e.g. a DingTalk group robot).</summary>
internal sealed class WebhookOptions
{
    public const string Section = "Webhook";

    /// <summary>The receiver's URL; empty disables the webhook (nothing is queued).</summary>
    public string Url { get; set; } = "";

    /// <summary>First retry delay; doubled after each failure.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Cap of the retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Poll for rows queued by other replicas and for due retries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for one POST.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
