using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SealCabinet.Cloud.Service.Common;

namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>
/// The identity provider's discovery document and signing keys for organisation-account sign-in, fetched on first
/// use and refreshed by the IdentityModel configuration manager (daily, or at once when a key is unknown).
/// </summary>
internal sealed class OidcDiscovery
{
    /// <summary>Name of the HttpClient for the identity provider (discovery and token requests).</summary>
    public const string HttpClientName = "oidc";

    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _manager;

    public OidcDiscovery(IOptions<SignInOptions> signIn, IHttpClientFactory httpClients)
    {
        var settings = signIn.Value.Oidc;
        if (string.IsNullOrWhiteSpace(settings.ClientId) || string.IsNullOrWhiteSpace(settings.Authority))
        {
            return;
        }

        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = settings.RequireHttpsMetadata ?? true };
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            settings.Authority.TrimEnd('/') + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), retriever);
    }

    /// <summary>Whether organisation-account sign-in is configured (a client id and an authority).</summary>
    public bool Enabled => _manager is not null;

    /// <summary>The provider's metadata; Unavailable when the provider cannot be reached.</summary>
    public async Task<OpenIdConnectConfiguration> MetadataAsync(CancellationToken ct)
    {
        var manager = _manager ?? throw CloudException.Precondition("organisation-account sign-in is not configured here (Sessions:Oidc:ClientId)");
        try
        {
            return await manager.GetConfigurationAsync(ct);
        }
        catch (InvalidOperationException e)
        {
            throw new CloudException(CloudErrorKind.Unavailable, $"the identity provider cannot be reached: {e.Message}");
        }
    }

    /// <summary>Fetches the metadata again at the next use (a token signed with a key not yet known).</summary>
    public void Refresh() => _manager?.RequestRefresh();
}
