using SealCabinet.Contracts.V1;
using SealCabinet.HardwareSim.Demo;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// A <see cref="VillageWorld"/> whose people also exist in the cloud's directory with their roles (a console
/// session reads roles from there), and whom an administrator can invite to enrol a passkey.
/// </summary>
internal sealed class ConsoleVillage : IDisposable
{
    private ConsoleVillage(VillageWorld world, CloudActor administrator)
    {
        World = world;
        Administrator = administrator;
    }

    public VillageWorld World { get; }

    public CloudActor Administrator { get; }

    public static async Task<ConsoleVillage> CreateAsync(string purpose, TestCloud? cloud = null)
    {
        cloud ??= CloudUnderTest.Shared;
        var world = await VillageWorld.CreateAsync(purpose, cloud);
        var administrator = new CloudActor(cloud.Channel, "admin", "管理员", "administrator", cloud.Tokens.Mint("admin", "管理员", "administrator@global"));
        var village = new ConsoleVillage(world, administrator);
        await village.AddPersonAsync(world.Custodian, new RoleAssignment { Role = Role.Custodian, VillageId = world.VillageId });
        await village.AddPersonAsync(world.Approver, new RoleAssignment { Role = Role.Approver, VillageId = world.VillageId, SealKind = SealKind.Committee });
        await village.AddPersonAsync(world.Technician, new RoleAssignment { Role = Role.Technician, VillageId = world.VillageId });
        return village;
    }

    /// <summary>Creates the person in the directory with one role.</summary>
    public async Task AddPersonAsync(CloudActor person, RoleAssignment role)
    {
        await Administrator.Organization.UpsertPersonAsync(new UpsertPersonRequest { Person = new Person { PersonId = person.PersonId, Name = person.Name } });
        await Administrator.Organization.AssignRoleAsync(new AssignRoleRequest { PersonId = person.PersonId, Assignment = role });
    }

    /// <summary>The one-time enrolment route for the person, e.g. <c>#/enrol/CODE</c>.</summary>
    public async Task<string> InviteAsync(string personId)
    {
        var invite = await Administrator.Organization.InvitePersonAsync(new InvitePersonRequest { PersonId = personId });
        return invite.EnrolmentPath.TrimStart('/');
    }

    public void Dispose() => World.Dispose();
}
