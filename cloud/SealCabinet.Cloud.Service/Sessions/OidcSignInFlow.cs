using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>
/// Organisation-account sign-in: the OpenID Connect authorization code flow with PKCE (RFC 7636, S256), the service
/// being a confidential client. Begin stores the state, nonce and code verifier in the database (any replica may
/// finish) and binds them to the browser with a short-lived HttpOnly cookie, so a code forwarded to another browser
/// does not sign that browser in; Finish takes the sign-in once, redeems the code at the token endpoint, verifies
/// the ID token (issuer, audience, signature under the provider's published keys, lifetime, nonce) and starts the
/// same session as a passkey sign-in.
/// </summary>
internal sealed class OidcSignInFlow(
    CloudDbContext db,
    BrowserSessionStore sessions,
    OidcDiscovery discovery,
    IHttpClientFactory httpClients,
    IOptions<SignInOptions> options,
    TimeProvider clock,
    ILogger<OidcSignInFlow> logger)
{
    /// <summary>The cookie that binds a started sign-in to the browser that started it.</summary>
    public const string BindingCookie = "sealcabinet_oidc";

    private const int MaxParameterChars = 4096;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private OidcSignInOptions Settings => options.Value.Oidc;

    /// <summary>Stores a new sign-in, sets the binding cookie and returns the provider's authorization URL.</summary>
    public async Task<string> BeginAsync(HttpContext http, CancellationToken ct)
    {
        var metadata = await discovery.MetadataAsync(ct);
        var state = NewSecret();
        var binding = NewSecret();
        var now = clock.GetUtcNow();
        var signIn = new OidcSignIn
        {
            StateHash = Hash(state),
            BindingHash = Hash(binding),
            CodeVerifier = NewSecret(),
            Nonce = NewSecret(),
            RedirectUri = RedirectUriFor(http.Request),
            ExpiresAt = now + Lifetime,
        };
        await db.OidcSignIns.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(ct);
        db.OidcSignIns.Add(signIn);
        await db.SaveChangesAsync(ct);
        http.Response.Cookies.Append(BindingCookie, binding, SessionCookie.Options(http.Request, signIn.ExpiresAt));

        var scopes = Settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Prepend("openid").Distinct(StringComparer.Ordinal);
        return QueryHelpers.AddQueryString(metadata.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = Settings.ClientId,
            ["redirect_uri"] = signIn.RedirectUri,
            ["scope"] = string.Join(' ', scopes),
            ["state"] = state,
            ["nonce"] = signIn.Nonce,
            ["code_challenge"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(signIn.CodeVerifier))),
            ["code_challenge_method"] = "S256",
        });
    }

    /// <summary>Redeems the code of the sign-in <paramref name="state"/> names and starts a session, once.</summary>
    public async Task<(string Secret, BrowserSession Session)> FinishAsync(HttpContext http, string state, string code, CancellationToken ct)
    {
        RequireParameter(state, "state");
        RequireParameter(code, "code");
        var metadata = await discovery.MetadataAsync(ct);
        var signIn = await TakeAsync(state, ct);
        var binding = http.Request.Cookies[BindingCookie];
        http.Response.Cookies.Delete(BindingCookie, SessionCookie.Options(http.Request, DateTimeOffset.UnixEpoch));
        if (binding is null || !CryptographicOperations.FixedTimeEquals(Hash(binding), signIn.BindingHash))
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, "state: this sign-in was started in another browser; sign in again here");
        }

        var idToken = await RedeemAsync(metadata, signIn, code, ct);
        var personId = await PersonOfAsync(metadata, idToken, signIn.Nonce, ct);
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
        {
            throw CloudException.Denied($"the organisation account '{Identifiers.Shorten(personId)}' is not a person of this directory; ask an administrator to add you");
        }

        var started = sessions.Start(personId);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Person {PersonId} signed in with an organisation account (session {SessionId})", personId, started.Session.Id);
        return started;
    }

    private static void RequireParameter(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxParameterChars)
        {
            throw CloudException.Invalid(field, $"is required (at most {MaxParameterChars} characters)");
        }
    }

    /// <summary>Removes and returns the sign-in: whoever deletes it first finishes it, so a replayed redirect fails.</summary>
    private async Task<OidcSignIn> TakeAsync(string state, CancellationToken ct)
    {
        var hash = Hash(state);
        var now = clock.GetUtcNow();
        var signIn = await db.OidcSignIns.AsNoTracking().SingleOrDefaultAsync(s => s.StateHash == hash && s.ExpiresAt > now, ct);
        if (signIn is null || await db.OidcSignIns.Where(s => s.StateHash == hash).ExecuteDeleteAsync(ct) != 1)
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, "state: unknown, already used or expired; sign in again");
        }

        return signIn;
    }

    private async Task<string> RedeemAsync(OpenIdConnectConfiguration metadata, OidcSignIn signIn, string code, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = signIn.RedirectUri,
                ["code_verifier"] = signIn.CodeVerifier,
                ["client_id"] = Settings.ClientId!,
            }),
        };
        if (!string.IsNullOrEmpty(Settings.ClientSecret))
        {
            // RFC 6749 §2.3.1: both parts form-encoded before Basic.
            var credentials = Uri.EscapeDataString(Settings.ClientId!) + ":" + Uri.EscapeDataString(Settings.ClientSecret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        JsonElement answer;
        bool success;
        try
        {
            using var response = await httpClients.CreateClient(OidcDiscovery.HttpClientName).SendAsync(request, ct);
            success = response.IsSuccessStatusCode;
            answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new CloudException(CloudErrorKind.Unavailable, $"the identity provider's token endpoint did not answer: {e.Message}");
        }

        if (!success || answer.ValueKind != JsonValueKind.Object)
        {
            var error = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error", out var e) ? e.GetString() : "no error code";
            throw new CloudException(CloudErrorKind.Unauthenticated, $"code: the identity provider refused it ({Identifiers.Shorten(error ?? "")}); sign in again");
        }

        return answer.TryGetProperty("id_token", out var idToken) && idToken.GetString() is { Length: > 0 } token
            ? token
            : throw new CloudException(CloudErrorKind.Unauthenticated, "code: the identity provider's answer has no id_token (is the openid scope granted?)");
    }

    private async Task<string> PersonOfAsync(OpenIdConnectConfiguration metadata, string idToken, string nonce, CancellationToken ct)
    {
        var result = await ValidateAsync(metadata, idToken);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The provider rotated its keys since the document was fetched.
            discovery.Refresh();
            result = await ValidateAsync(await discovery.MetadataAsync(ct), idToken);
        }

        if (!result.IsValid)
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, $"id_token: did not verify ({result.Exception?.GetType().Name})");
        }

        if (!result.Claims.TryGetValue("nonce", out var sent) || sent is not string sentNonce
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sentNonce), Encoding.ASCII.GetBytes(nonce)))
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, "id_token: its nonce is not this sign-in's");
        }

        return result.Claims.TryGetValue(Settings.PersonClaim, out var person) && person is string { Length: > 0 and <= 128 } personId
            ? personId
            : throw new CloudException(CloudErrorKind.Unauthenticated, $"id_token: carries no '{Settings.PersonClaim}' claim naming a person (Sessions:Oidc:PersonClaim)");
    }

    private Task<TokenValidationResult> ValidateAsync(OpenIdConnectConfiguration metadata, string idToken) =>
        new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = Settings.ClientId,
            IssuerSigningKeys = metadata.SigningKeys,
            ClockSkew = TimeSpan.FromMinutes(1),
        });

    private string RedirectUriFor(HttpRequest request) =>
        string.IsNullOrWhiteSpace(Settings.RedirectUri) ? $"{request.Scheme}://{request.Host.Value}/" : Settings.RedirectUri;

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
