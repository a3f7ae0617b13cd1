using System.Diagnostics.CodeAnalysis;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Access;

/// <summary>
/// One role in one scope, as carried by a token's <c>sealcabinet_roles</c> claim:
/// <c>&lt;role&gt;[:&lt;SEAL_KIND&gt;]@&lt;scope&gt;</c> where scope is <c>global</c>, <c>town:&lt;id&gt;</c> or
/// <c>village:&lt;id&gt;</c>, e.g. <c>approver:COMMITTEE@village:yiqiao</c> (docs/cloud.md).
/// </summary>
internal sealed record RoleClaim(PersonRole Role, string? SealKind, ScopeLevel Level, string? ScopeId)
{
    public static bool TryParse(string value, [NotNullWhen(true)] out RoleClaim? claim)
    {
        claim = null;
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        var rolePart = value[..at];
        var scopePart = value[(at + 1)..];
        string? sealKind = null;
        var colon = rolePart.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            sealKind = rolePart[(colon + 1)..].ToUpperInvariant();
            rolePart = rolePart[..colon];
            if (sealKind.Length == 0 || sealKind.Length > 32)
            {
                return false;
            }
        }

        PersonRole role;
        switch (rolePart)
        {
            case "custodian": role = PersonRole.Custodian; break;
            case "approver": role = PersonRole.Approver; break;
            case "supervisor": role = PersonRole.Supervisor; break;
            case "technician": role = PersonRole.Technician; break;
            case "administrator": role = PersonRole.Administrator; break;
            default: return false;
        }

        // The seal kind is what an approver approves; it is meaningless (and so refused) on other roles.
        if ((role == PersonRole.Approver) != (sealKind is not null))
        {
            return false;
        }

        if (scopePart == "global")
        {
            claim = new RoleClaim(role, sealKind, ScopeLevel.Global, null);
            return true;
        }

        if (scopePart.StartsWith("town:", StringComparison.Ordinal) && scopePart.Length > 5)
        {
            claim = new RoleClaim(role, sealKind, ScopeLevel.Town, scopePart[5..]);
            return true;
        }

        if (scopePart.StartsWith("village:", StringComparison.Ordinal) && scopePart.Length > 8)
        {
            claim = new RoleClaim(role, sealKind, ScopeLevel.Village, scopePart[8..]);
            return true;
        }

        return false;
    }

    /// <summary>True when this role's scope includes <paramref name="target"/> (a town scope covers its villages).</summary>
    public bool Covers(ScopeTarget target) => Level switch
    {
        ScopeLevel.Global => true,
        ScopeLevel.Town => target.Level != ScopeLevel.Global && target.TownId == ScopeId,
        _ => target.Level == ScopeLevel.Village && target.VillageId == ScopeId,
    };

    /// <summary>The claim a stored assignment stands for (console sessions read roles from the database, not a token).</summary>
    public static RoleClaim Of(RoleAssignment assignment) =>
        assignment.VillageId is not null ? new RoleClaim(assignment.Role, assignment.SealKind, ScopeLevel.Village, assignment.VillageId)
        : assignment.TownId is not null ? new RoleClaim(assignment.Role, assignment.SealKind, ScopeLevel.Town, assignment.TownId)
        : new RoleClaim(assignment.Role, assignment.SealKind, ScopeLevel.Global, null);

    public override string ToString()
    {
        var role = Role.ToString().ToLowerInvariant() + (SealKind is null ? "" : ":" + SealKind);
        return Level switch
        {
            ScopeLevel.Global => role + "@global",
            ScopeLevel.Town => $"{role}@town:{ScopeId}",
            _ => $"{role}@village:{ScopeId}",
        };
    }
}
