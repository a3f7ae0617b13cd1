namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A person's registered passkey: the WebAuthn credential id and its COSE public key.</summary>
internal sealed class PasskeyCredential
{
    public required byte[] CredentialId { get; set; }

    public required string PersonId { get; set; }

    public required byte[] PublicKey { get; set; }

    /// <summary>The authenticator's signature counter; 0 means the authenticator does not count (passkeys that sync).</summary>
    public long SignCount { get; set; }

    public Guid Aaguid { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>
    /// When an administrator endorsed it (docs/supervision.md §11.7) and its registration entered the ledger; until then
    /// it signs in but cannot sign decisions.
    /// </summary>
    public DateTimeOffset? EndorsedAt { get; set; }

    /// <summary>The endorsing administrator; the person themselves for a root.</summary>
    public string? EndorsedBy { get; set; }

    /// <summary>The credential the administrator signed the endorsement with; this credential itself for a root.</summary>
    public byte[]? EndorsedWith { get; set; }

    public bool IsRoot => EndorsedBy == PersonId && EndorsedWith is not null && EndorsedWith.AsSpan().SequenceEqual(CredentialId);
}
