namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>One approver's approval or rejection of a request.</summary>
internal sealed class Decision
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public required string ApproverId { get; set; }

    public bool Approved { get; set; }

    public string Comment { get; set; } = "";

    public DateTimeOffset DecidedAt { get; set; }
}
