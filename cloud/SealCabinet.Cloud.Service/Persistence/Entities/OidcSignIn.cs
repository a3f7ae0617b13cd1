namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// A started organisation-account sign-in (OpenID Connect authorization code with PKCE), kept in the database so
/// that the browser may come back to another replica. Only hashes of the state and of the browser-binding secret
/// are stored; the PKCE verifier and the nonce never leave the service.
/// </summary>
internal sealed class OidcSignIn
{
    /// <summary>SHA-256 of the state parameter.</summary>
    public required byte[] StateHash { get; set; }

    /// <summary>SHA-256 of the secret in the browser's binding cookie: a code sent to another browser is refused.</summary>
    public required byte[] BindingHash { get; set; }

    public required string CodeVerifier { get; set; }

    public required string Nonce { get; set; }

    /// <summary>The redirect URI sent with the authorization request; the token request must repeat it.</summary>
    public required string RedirectUri { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
