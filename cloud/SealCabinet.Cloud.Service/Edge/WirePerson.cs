using SealCabinet.Cloud.Service.Persistence;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Edge;

/// <summary>Maps a person of the directory and their roles to the wire (Organization's answers, a console session's person).</summary>
internal static class WirePerson
{
    public static Wire.Person ToWire(Person person, int passkeyCount = 0, int unendorsedPasskeyCount = 0)
    {
        var wire = new Wire.Person
        {
            PersonId = person.Id,
            Name = person.Name,
            Phone = person.Phone ?? "",
            PasskeyCount = passkeyCount,
            UnendorsedPasskeyCount = unendorsedPasskeyCount,
            CabinetPinSet = person.CabinetPinVerifier is not null,
            AccessCardSet = person.AccessCardUid is not null,
        };
        wire.Roles.AddRange(person.Roles
            .OrderBy(r => r.Role).ThenBy(r => r.TownId).ThenBy(r => r.VillageId).ThenBy(r => r.SealKind)
            .Select(r => new Wire.RoleAssignment
            {
                Role = ToWire(r.Role),
                VillageId = r.VillageId ?? "",
                TownId = r.TownId ?? "",
                SealKind = r.SealKind is null ? Wire.SealKind.Unspecified : WireSealKind.ToWire(r.SealKind),
            }));
        return wire;
    }

    public static Wire.Role ToWire(PersonRole role) => role switch
    {
        PersonRole.Custodian => Wire.Role.Custodian,
        PersonRole.Approver => Wire.Role.Approver,
        PersonRole.Supervisor => Wire.Role.Supervisor,
        PersonRole.Technician => Wire.Role.Technician,
        _ => Wire.Role.Administrator,
    };
}
