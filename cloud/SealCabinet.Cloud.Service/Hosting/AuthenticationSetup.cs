using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Sessions;

namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>
/// People authenticate with a bearer token (JWT from an OIDC authority or the symmetric development key) or with the
/// console's session cookie; the Authorization header decides which, so a token is never mixed with a cookie.
/// </summary>
internal static class AuthenticationSetup
{
    public static void AddPeopleAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(SessionSchemes.People)
            .AddPolicyScheme(SessionSchemes.People, "bearer token or console session", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? JwtBearerDefaults.AuthenticationScheme : SessionSchemes.Session)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionSchemes.Session, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<KeyMaterial, IOptions<AuthOptions>>((options, keys, auth) =>
            {
                var settings = auth.Value;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = AccessClaims.Name;
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
                if (!string.IsNullOrWhiteSpace(settings.Authority))
                {
                    options.Authority = settings.Authority;
                    options.Audience = settings.Audience;
                    options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                    return;
                }

                var signing = keys.SymmetricSigning!;
                options.TokenValidationParameters.ValidIssuer = signing.Issuer;
                options.TokenValidationParameters.ValidAudience = signing.Audience;
                options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(signing.SigningKey));
                options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            });
    }
}
