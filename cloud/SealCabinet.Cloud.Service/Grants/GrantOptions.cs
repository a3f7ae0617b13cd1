namespace SealCabinet.Cloud.Service.Grants;

/// <summary>Grant timing and delivery settings (configuration section <c>Grants</c>).</summary>
internal sealed class GrantOptions
{
    public const string Section = "Grants";

    /// <summary>How long a grant may be used after it is issued.</summary>
    public TimeSpan Validity { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long an approval stays valid for reissuing an expired grant.</summary>
    public TimeSpan ApprovalValidity { get; set; } = TimeSpan.FromHours(24);

    /// <summary>not_before is set this far in the past so a cabinet's slightly late trusted clock accepts at once.</summary>
    public TimeSpan ClockSkewAllowance { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the outbox is polled for messages written by other replicas or due for retry.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of the exponential retry delay of a failed publish.</summary>
    public TimeSpan OutboxMaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
