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

    /// <summary>The canonical approval statement the approver's passkey signed; null for an unsigned decision.</summary>
    public byte[]? Statement { get; set; }

    /// <summary>The signing passkey's credential id.</summary>
    public byte[]? CredentialId { get; set; }

    /// <summary>The assertion exactly as the authenticator returned it, so anyone can verify it again offline.</summary>
    public byte[]? AuthenticatorData { get; set; }

    public byte[]? ClientDataJson { get; set; }

    public byte[]? Signature { get; set; }
}
