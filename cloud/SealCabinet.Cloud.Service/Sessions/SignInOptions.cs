namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>
/// Console sign-in (configuration section <c>Sessions</c>). Without <see cref="RelyingPartyId"/> and
/// <see cref="Origins"/> passkeys work only on <c>localhost</c> (development and embedded mode): the relying party is
/// then <c>localhost</c> and the origin is the one the browser called.
/// </summary>
internal sealed class SignInOptions
{
    public const string Section = "Sessions";

    /// <summary>The WebAuthn relying party id: the console's host name, e.g. <c>seals.example.gov.cn</c>.</summary>
    public string? RelyingPartyId { get; set; }

    /// <summary>Name shown by the passkey prompt.</summary>
    public string RelyingPartyName { get; set; } = "村级印章智能柜";

    /// <summary>The console's origins, e.g. <c>https://seals.example.gov.cn</c>; passkey responses from any other are refused.</summary>
    public string[] Origins { get; set; } = [];

    /// <summary>How long a session lasts after sign-in.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Organisation-account sign-in (section <c>Sessions:Oidc</c>).</summary>
    public OidcSignInOptions Oidc { get; set; } = new();
}
