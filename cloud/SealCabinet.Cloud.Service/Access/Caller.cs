using System.Security.Claims;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Access;

/// <summary>The authenticated person behind a call and the roles their token or console session grants.</summary>
internal sealed class Caller(string personId, IReadOnlyList<RoleClaim> roles, Guid? sessionId = null, DateTimeOffset? expiresAt = null)
{
    public string PersonId { get; } = personId;

    public IReadOnlyList<RoleClaim> Roles { get; } = roles;

    /// <summary>The console session the call came with; null for a bearer token.</summary>
    public Guid? SessionId { get; } = sessionId;

    /// <summary>When the token or session stops being valid (a long stream ends then).</summary>
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    /// <summary>Reads a validated principal; a token with a malformed role claim is refused as a whole.</summary>
    public static Caller FromPrincipal(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst(AccessClaims.Subject)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            throw new CloudException(CloudErrorKind.Unauthenticated, "the token has no 'sub' claim");
        }

        var roles = new List<RoleClaim>();
        foreach (var claim in principal.FindAll(AccessClaims.Roles))
        {
            if (!RoleClaim.TryParse(claim.Value, out var role))
            {
                throw new CloudException(
                    CloudErrorKind.Unauthenticated,
                    $"the token's '{AccessClaims.Roles}' claim value '{Identifiers.Shorten(claim.Value)}' is not a valid role");
            }

            roles.Add(role);
        }

        var session = Guid.TryParse(principal.FindFirst(AccessClaims.Session)?.Value, out var id) ? id : (Guid?)null;
        var expires = long.TryParse(principal.FindFirst(AccessClaims.Expires)?.Value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        return new Caller(subject, roles, session, expires);
    }

    /// <summary>The same caller with the roles the database holds now.</summary>
    public Caller WithRoles(IReadOnlyList<RoleClaim> roles) => new(PersonId, roles, SessionId, ExpiresAt);

    public bool HasAnyRole(IReadOnlySet<PersonRole> roles) => Roles.Any(r => roles.Contains(r.Role));

    public bool Covers(IReadOnlySet<PersonRole> roles, ScopeTarget target) =>
        Roles.Any(r => roles.Contains(r.Role) && r.Covers(target));

    /// <summary>True when the caller approves <paramref name="sealKind"/> somewhere covering <paramref name="target"/>.</summary>
    public bool IsApproverFor(string sealKind, ScopeTarget target) =>
        Roles.Any(r => r.Role == PersonRole.Approver && r.SealKind == sealKind && r.Covers(target));

    public bool HasRoleCovering(PersonRole role, ScopeTarget target) => Roles.Any(r => r.Role == role && r.Covers(target));

    /// <summary>The villages the given roles reach, for list calls.</summary>
    public ScopeFilter VisibleScope(IReadOnlySet<PersonRole> roles)
    {
        var relevant = Roles.Where(r => roles.Contains(r.Role)).ToList();
        return new ScopeFilter(
            relevant.Any(r => r.Level == ScopeLevel.Global),
            [.. relevant.Where(r => r.Level == ScopeLevel.Town).Select(r => r.ScopeId!).Distinct()],
            [.. relevant.Where(r => r.Level == ScopeLevel.Village).Select(r => r.ScopeId!).Distinct()]);
    }
}
