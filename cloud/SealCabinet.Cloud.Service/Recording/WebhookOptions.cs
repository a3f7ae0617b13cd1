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

    /// <summary>
    /// Shared secret (from a Secret, never logged): each POST then carries <c>X-SealCabinet-Signature: t=&lt;unix ms&gt;,
    /// v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;." + body)&gt;</c> so the receiver can tell the service's posts from forged ones
    /// and refuse old ones. Empty: unsigned.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// Sign for a DingTalk group robot in 加签 mode as well: <c>timestamp</c> and <c>sign</c> = base64(HMAC-SHA256(secret,
    /// timestamp + "\n" + secret)) added to the URL. Needs <see cref="Secret"/> (the robot's SEC… secret).
    /// </summary>
    public bool DingTalkSigning { get; set; }
}
