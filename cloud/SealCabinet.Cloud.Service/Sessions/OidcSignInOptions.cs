namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>
/// Organisation-account sign-in to the console (configuration section <c>Sessions:Oidc</c>): the OpenID Connect
/// authorization code flow with PKCE against <see cref="Authority"/>, which defaults to <c>Auth:Authority</c>.
/// Off unless <see cref="ClientId"/> is set. The ID token's <see cref="PersonClaim"/> must name a person of the
/// directory; the roles are the directory's, read on every call as for a passkey sign-in.
/// </summary>
internal sealed class OidcSignInOptions
{
    /// <summary>The identity provider's issuer URL; empty means <c>Auth:Authority</c> (filled in at start-up).</summary>
    public string? Authority { get; set; }

    /// <summary>Require an https provider; unset means <c>Auth:RequireHttpsMetadata</c> (filled in at start-up).</summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>The console's client id at the identity provider; empty turns organisation-account sign-in off.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (sent with HTTP Basic to the token endpoint); empty for a public client.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for; <c>openid</c> is always among them.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>The ID token claim that holds the person id of the directory.</summary>
    public string PersonClaim { get; set; } = "sub";

    /// <summary>Name of the sign-in button, e.g. the provider's name.</summary>
    public string DisplayName { get; set; } = "单位账号";

    /// <summary>The redirect URI registered at the provider; empty means the console's root as the browser called it.</summary>
    public string? RedirectUri { get; set; }
}
