namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A one-time code that lets a person register a passkey; only its SHA-256 is stored.</summary>
internal sealed class EnrolmentCode
{
    public required byte[] CodeHash { get; set; }

    public required string PersonId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}
