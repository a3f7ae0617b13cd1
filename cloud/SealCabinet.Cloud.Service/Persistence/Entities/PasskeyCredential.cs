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
}
