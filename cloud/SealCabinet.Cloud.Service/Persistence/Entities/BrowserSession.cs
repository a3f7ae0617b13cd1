namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A console session; only the SHA-256 of the cookie's 256-bit secret is stored.</summary>
internal sealed class BrowserSession
{
    public Guid Id { get; set; }

    public required byte[] SecretHash { get; set; }

    public required string PersonId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the person signed out (or the session was revoked); a session with this set is dead.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}
