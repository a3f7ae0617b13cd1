using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SealCabinet.Cloud.Service.Access;

namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>Configures JWT bearer validation for an OIDC authority or for the symmetric (development) key.</summary>
internal static class AuthenticationSetup
{
    public static void AddPeopleAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
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
