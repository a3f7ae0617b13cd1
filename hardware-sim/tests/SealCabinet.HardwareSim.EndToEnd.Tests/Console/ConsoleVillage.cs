using SealCabinet.Contracts.V1;
using SealCabinet.HardwareSim.Demo;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// A <see cref="VillageWorld"/> on the console tests' cloud whose people (custodian, committee approver, technician and
/// a supervisor) also exist in the cloud's directory with their roles (the custodian already through the world) — a console session reads roles from there —
/// and whom an administrator can invite to enrol a passkey.
/// </summary>
internal sealed class ConsoleVillage : IDisposable
{
    private Cabinet.SimulatedCabinet? _cabinet;

    private ConsoleVillage(VillageWorld world, CloudActor administrator, CloudActor supervisor)
    {
        World = world;
        Administrator = administrator;
        Supervisor = supervisor;
    }

    public VillageWorld World { get; }

    public CloudActor Administrator { get; }

    public CloudActor Supervisor { get; }

    /// <param name="custodianSetsPin">False leaves the custodian without a cabinet PIN.</param>
    public static async Task<ConsoleVillage> CreateAsync(string purpose, bool custodianSetsPin = true)
    {
        var cloud = ConsoleBrowser.Cloud;
        var world = await VillageWorld.CreateAsync(purpose, cloud, custodianSetsPin);
        var administrator = new CloudActor(cloud.Channel, "admin", "管理员", "administrator", cloud.Tokens.Mint("admin", "管理员", "administrator@global"));
        var supervisorId = "chen-" + world.VillageId;
        var supervisor = new CloudActor(cloud.Channel, supervisorId, "陈纪检", "supervisor", cloud.Tokens.Mint(supervisorId, "陈纪检", $"supervisor@village:{world.VillageId}"));
        var village = new ConsoleVillage(world, administrator, supervisor);
        await village.AddPersonAsync(world.Approver, new RoleAssignment { Role = Role.Approver, VillageId = world.VillageId, SealKind = SealKind.Committee });
        await village.AddPersonAsync(world.Technician, new RoleAssignment { Role = Role.Technician, VillageId = world.VillageId });
        await village.AddPersonAsync(supervisor, new RoleAssignment { Role = Role.Supervisor, VillageId = world.VillageId });
        return village;
    }

    /// <summary>Creates the person in the directory with one role.</summary>
    public async Task AddPersonAsync(CloudActor person, RoleAssignment role)
    {
        await Administrator.Organization.UpsertPersonAsync(new UpsertPersonRequest { Person = new Person { PersonId = person.PersonId, Name = person.Name } });
        await Administrator.Organization.AssignRoleAsync(new AssignRoleRequest { PersonId = person.PersonId, Assignment = role });
    }

    /// <summary>
    /// Creates an administrator of this village only (in the directory, for a console session, and with a bearer token
    /// of the same scope for checks through the service).
    /// </summary>
    public async Task<CloudActor> AddVillageAdministratorAsync()
    {
        var cloud = ConsoleBrowser.Cloud;
        var id = "zhou-" + World.VillageId;
        var administrator = new CloudActor(cloud.Channel, id, "周主任", "administrator", cloud.Tokens.Mint(id, "周主任", $"administrator@village:{World.VillageId}"));
        await AddPersonAsync(administrator, new RoleAssignment { Role = Role.Administrator, VillageId = World.VillageId });
        return administrator;
    }

    /// <summary>
    /// Files a committee-seal request through the service, as the village's custodian or <paramref name="custodian"/>
    /// (a cabinet, registered but switched off, takes it).
    /// </summary>
    public async Task<string> FileRequestAsync(CloudActor? custodian = null)
    {
        _cabinet ??= await World.AddCabinetAsync(powerOn: false);
        return await World.FileRequestAsync(custodian);
    }

    /// <summary>
    /// Opens the person's phone on their one-time enrolment link and registers a passkey; returns the signed-in page.
    /// Unless <paramref name="endorse"/> is false, the root administrator then endorses the passkey (through the service,
    /// as an administrator does after comparing fingerprints), so that it can sign decisions.
    /// </summary>
    public async Task<ConsolePerson> EnrolAsync(CloudActor person, Microsoft.Playwright.ViewportSize? viewport = null, bool endorse = true)
    {
        var invite = await Administrator.Organization.InvitePersonAsync(new InvitePersonRequest { PersonId = person.PersonId });
        var browser = await ConsolePerson.OpenAsync(viewport ?? ConsolePerson.Phone);
        await browser.GoAsync(invite.EnrolmentPath.TrimStart('/'));
        await browser.ById("enrol").ClickAsync();
        await browser.ById("sign-out").WaitForAsync();
        if (endorse)
        {
            var root = await ConsoleBrowser.RootAsync();
            foreach (var credentialId in await browser.PasskeyIdsAsync())
            {
                await root.EndorseAsync(person.PersonId, credentialId);
            }
        }

        return browser;
    }

    public void Dispose() => World.Dispose();
}
