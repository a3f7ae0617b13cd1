using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Access;

namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>
/// Authenticates console calls by the session cookie. The roles come from the database on every call, so a
/// revoked role or an ended session stops working at the next call rather than at the session's expiry.
/// </summary>
internal sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BrowserSessionStore sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(SessionCookie.Name, out var secret) || string.IsNullOrEmpty(secret))
        {
            return AuthenticateResult.NoResult();
        }

        if (Request.Headers[SessionCookie.CsrfHeader] != "1")
        {
            return AuthenticateResult.Fail($"a session call must carry the header {SessionCookie.CsrfHeader}: 1");
        }

        var session = await sessions.FindAsync(secret, Context.RequestAborted);
        if (session is null)
        {
            return AuthenticateResult.Fail("the session ended or expired");
        }

        var roles = await sessions.RolesOfAsync(session.PersonId, Context.RequestAborted);

        var claims = new List<Claim>
        {
            new(AccessClaims.Subject, session.PersonId),
            new(AccessClaims.Session, session.Id.ToString("D")),
            new(AccessClaims.Expires, session.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(roles.Select(r => new Claim(AccessClaims.Roles, r.ToString())));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SessionSchemes.Session, AccessClaims.Subject, AccessClaims.Roles));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SessionSchemes.Session));
    }
}
