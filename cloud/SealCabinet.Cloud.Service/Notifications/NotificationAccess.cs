using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;

namespace SealCabinet.Cloud.Service.Notifications;

/// <summary>Whether a caller may see a notification: named in its audience, or holding an audience role whose scope covers its village.</summary>
internal static class NotificationAccess
{
    public static bool Sees(Caller caller, NotificationRow row)
    {
        var target = row.VillageId is null ? ScopeTarget.Global : ScopeTarget.ForVillage(row.VillageId, row.TownId ?? "");
        foreach (var entry in row.Audience)
        {
            if (entry.StartsWith("person:", StringComparison.Ordinal))
            {
                if (string.Equals(entry[7..], caller.PersonId, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (entry == Audience.Supervisors)
            {
                if (row.VillageId is null ? caller.Roles.Any(r => r.Role == PersonRole.Supervisor && r.Level == ScopeLevel.Global)
                    : caller.HasRoleCovering(PersonRole.Supervisor, target))
                {
                    return true;
                }
            }
            else if (entry.StartsWith("role:approver:", StringComparison.Ordinal) && row.VillageId is not null)
            {
                if (caller.IsApproverFor(entry["role:approver:".Length..], target))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
