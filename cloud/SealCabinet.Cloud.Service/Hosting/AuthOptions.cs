namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>
/// People's tokens (configuration section <c>Auth</c>): an OIDC <see cref="Authority"/> in production; a
/// shared HS256 <see cref="SigningKey"/> for closed set-ups; neither means a generated development key.
/// </summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>OIDC issuer URL; its discovery document supplies the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must carry.</summary>
    public string Audience { get; set; } = "sealcabinet";

    /// <summary>Issuer expected with <see cref="SigningKey"/> (and used for development tokens).</summary>
    public string Issuer { get; set; } = "sealcabinet-dev";

    /// <summary>Base64 HS256 key of at least 32 bytes, when tokens are minted by a trusted local issuer.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Require an https authority (turn off only for a local test identity provider).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
