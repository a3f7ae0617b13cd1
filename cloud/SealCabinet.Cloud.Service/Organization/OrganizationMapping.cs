using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Edge;
using Google.Protobuf.WellKnownTypes;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Ledger.Approvals;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Organization;

/// <summary>Organisation entities to wire messages and back.</summary>
internal static class OrganizationMapping
{
    public static Wire.Town ToWire(Town town) => new() { TownId = town.Id, Name = town.Name };

    public static Wire.Village ToWire(Village village)
    {
        var wire = new Wire.Village
        {
            VillageId = village.Id,
            TownId = village.TownId,
            Name = village.Name,
            CabinetAuthPolicy = WireCabinetAuthPolicy.ToWire(village.CabinetAuthPolicy),
            RosterVersion = (ulong)village.RosterVersion,
        };
        wire.SealKinds.AddRange(village.Seals.Select(s => WireSealKind.ToWire(s.SealKind)).Order());
        return wire;
    }

    public static Wire.Matter ToWire(Matter matter)
    {
        var wire = new Wire.Matter
        {
            Code = matter.Code,
            Name = matter.Name,
            ApprovalsRequired = matter.ApprovalsRequired,
            HouseBuilding = matter.HouseBuilding,
        };
        wire.AllowedSealKinds.AddRange(matter.AllowedSealKinds.Select(WireSealKind.ToWire));
        return wire;
    }

    public static RoleAssignmentSpec FromWire(Wire.RoleAssignment? assignment)
    {
        if (assignment is null)
        {
            throw CloudException.Invalid("assignment", "is required");
        }

        var role = assignment.Role switch
        {
            Wire.Role.Custodian => PersonRole.Custodian,
            Wire.Role.Approver => PersonRole.Approver,
            Wire.Role.Supervisor => PersonRole.Supervisor,
            Wire.Role.Technician => PersonRole.Technician,
            Wire.Role.Administrator => PersonRole.Administrator,
            Wire.Role.Unspecified => throw CloudException.Invalid("assignment.role", "is required"),
            _ => throw CloudException.Invalid("assignment.role", $"{(int)assignment.Role} is not a role"),
        };
        var villageId = string.IsNullOrEmpty(assignment.VillageId) ? null : Identifiers.RequireSlug(assignment.VillageId, "assignment.village_id");
        var townId = string.IsNullOrEmpty(assignment.TownId) ? null : Identifiers.RequireSlug(assignment.TownId, "assignment.town_id");
        if (villageId is not null && townId is not null)
        {
            throw CloudException.Invalid("assignment", "names both a village and a town; a role has exactly one scope");
        }

        return new RoleAssignmentSpec(role, villageId, townId, WireSealKind.ToCodeOrNull(assignment.SealKind, "assignment.seal_kind"));
    }

    public static Wire.Passkey ToWire(PasskeyCredential passkey)
    {
        var wire = new Wire.Passkey
        {
            CredentialId = Google.Protobuf.ByteString.CopyFrom(passkey.CredentialId),
            Fingerprint = CredentialEndorsements.Fingerprint(passkey.PublicKey),
            RegisteredTime = Timestamp.FromDateTimeOffset(passkey.CreatedAt),
            EndorsedBy = passkey.EndorsedBy ?? "",
            Root = passkey.IsRoot,
        };
        if (passkey.EndorsedAt is { } endorsed)
        {
            wire.EndorsedTime = Timestamp.FromDateTimeOffset(endorsed);
        }

        if (passkey.LastUsedAt is { } used)
        {
            wire.LastUsedTime = Timestamp.FromDateTimeOffset(used);
        }

        return wire;
    }
}
