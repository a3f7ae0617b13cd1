namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A refused attempt by a request's own custodian to approve or reject it (kept for supervision).</summary>
internal sealed class DeniedDecision
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public required string PersonId { get; set; }

    public bool Approve { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }
}
