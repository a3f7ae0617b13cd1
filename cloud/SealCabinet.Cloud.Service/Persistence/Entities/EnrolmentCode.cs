namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A one-time code that lets a person register a passkey; only its SHA-256 is stored.</summary>
internal sealed class EnrolmentCode
{
    public required byte[] CodeHash { get; set; }

    public required string PersonId { get; set; }

    /// <summary>The administrator who issued the invitation (recorded with the passkey it enrols, in the ledger).</summary>
    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>A new code: 144 random bits, URL-safe, short enough to type from a printed invitation.</summary>
    public static string NewCode() => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));

    public static byte[] HashOf(string code) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code));
}
