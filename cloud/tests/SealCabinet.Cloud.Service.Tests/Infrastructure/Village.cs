using Google.Protobuf;
using SealCabinet.Contracts.V1;
using SealCabinet.Passkeys.Software;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>
/// A town, a village with its three seals, a cabinet, and callers holding the usual roles there
/// (tokens carry the roles; the people are registered too, as an administrator would).
/// </summary>
internal sealed class Village
{
    private static int _unique;

    private Village(CloudServiceHost host, string townId, string villageId, RegisteredCabinet cabinet)
    {
        Host = host;
        TownId = townId;
        VillageId = villageId;
        Cabinet = cabinet;
    }

    public CloudServiceHost Host { get; }

    /// <summary>The same village seen through another service instance on the same database.</summary>
    public Village WithHost(CloudServiceHost host) => new(host, TownId, VillageId, Cabinet);

    public string TownId { get; }

    public string VillageId { get; }

    public RegisteredCabinet Cabinet { get; }

    public CloudClients Custodian => Host.As($"custodian-{VillageId}", $"custodian@village:{VillageId}");

    public CloudClients CommitteeApprover => Host.As($"director-{VillageId}", $"approver:COMMITTEE@village:{VillageId}");

    public CloudClients SecondCommitteeApprover => Host.As($"deputy-{VillageId}", $"approver:COMMITTEE@village:{VillageId}");

    public CloudClients PartyApprover => Host.As($"secretary-{VillageId}", $"approver:PARTY@village:{VillageId}");

    public CloudClients Technician => Host.As($"technician-{VillageId}", $"technician@village:{VillageId}");

    public CloudClients Supervisor => Host.As($"supervisor-{VillageId}", $"supervisor@village:{VillageId}");

    public CloudClients Administrator => Host.As($"admin-{VillageId}", $"administrator@village:{VillageId}");

    /// <summary>The deployment-wide administrator of the tests, and the one root administrator of their hosts (Approvals:RootAdministrators).</summary>
    public const string RootAdministratorId = "root-admin";

    public static CloudClients GlobalAdministrator(CloudServiceHost host) => host.As(RootAdministratorId, "administrator@global");

    /// <summary>
    /// A village (in a new town, or in <paramref name="town"/>'s) whose ids no other test of the run uses, so a test
    /// that asserts on village-wide state (its requests, cabinet, chain, MQTT session) sees only its own doing.
    /// </summary>
    public static Task<Village> CreateUniqueAsync(CloudServiceHost host, string purpose, Village? town = null)
    {
        var id = $"{purpose}-{Interlocked.Increment(ref _unique)}";
        return town is null ? CreateAsync(host, "town-" + id, id) : CreateAsync(host, town.TownId, id, createTown: false);
    }

    public static async Task<Village> CreateAsync(CloudServiceHost host, string townId, string villageId, bool createTown = true)
    {
        var admin = GlobalAdministrator(host);
        if (createTown)
        {
            await admin.Organization.CreateTownAsync(new CreateTownRequest { Town = new Town { TownId = townId, Name = townId + " 镇" } });
        }

        await admin.Organization.CreateVillageAsync(new CreateVillageRequest
        {
            Village = new Contracts.V1.Village { VillageId = villageId, TownId = townId, Name = villageId + " 村" },
        });
        var technician = host.As($"technician-{villageId}", $"technician@village:{villageId}");
        var registered = await technician.Devices.RegisterCabinetAsync(new RegisterCabinetRequest
        {
            VillageId = villageId,
            Name = villageId + " 便民服务中心",
            Location = "一楼大厅",
            Sleeves =
            {
                new Sleeve { Number = 1, SealKind = SealKind.Party },
                new Sleeve { Number = 2, SealKind = SealKind.Committee },
                new Sleeve { Number = 3, SealKind = SealKind.Cooperative },
            },
        });
        return new Village(host, townId, villageId, new RegisteredCabinet(registered.Cabinet.DeviceId, registered.DeviceSecret.ToByteArray()));
    }

    /// <summary>A valid submission for the committee seal (business-premises certificate) with one scan.</summary>
    public SubmitRequestRequest CommitteeSubmission(string matter = "BIZ-PREMISES", uint copies = 2) => new()
    {
        VillageId = VillageId,
        SealKind = SealKind.Committee,
        MatterCode = matter,
        ApplicantName = "王小明",
        Purpose = "开办小卖部需要经营场所证明",
        Copies = copies,
        Materials =
        {
            new Material { FileName = "application.jpg", ContentType = "image/jpeg", Content = ByteString.CopyFrom(Document) },
            new Material { FileName = "id-card.jpg", ContentType = "image/jpeg", Content = ByteString.CopyFromUtf8("id card scan") },
        },
    };

    public static byte[] Document { get; } = "scanned application page 1"u8.ToArray();

    public async Task<SealRequest> SubmitAsync(string matter = "BIZ-PREMISES") =>
        (await Custodian.Requests.SubmitRequestAsync(CommitteeSubmission(matter))).Request;

    /// <summary>Puts a person into the directory with one role (console sessions read roles from there); returns the id.</summary>
    public async Task<string> AddPersonAsync(string purpose, RoleAssignment role)
    {
        var personId = $"{purpose}-{VillageId}";
        await Administrator.Organization.UpsertPersonAsync(new UpsertPersonRequest { Person = new Person { PersonId = personId, Name = "测试 " + personId } });
        await Administrator.Organization.AssignRoleAsync(new AssignRoleRequest { PersonId = personId, Assignment = role });
        return personId;
    }

    /// <summary>A one-time passkey enrolment code for the person, from this village's administrator.</summary>
    public async Task<string> InviteAsync(string personId) =>
        (await Administrator.Organization.InvitePersonAsync(new InvitePersonRequest { PersonId = personId })).EnrolmentCode;

    /// <summary>
    /// A committee approver of the village in the directory whose passkey is registered through an invitation and endorsed
    /// by the root administrator (so the ledger's registration carries the root's signature): their id and their clients.
    /// </summary>
    public async Task<(string PersonId, CloudClients Clients)> EnrolApproverAsync(string purpose, SoftwarePasskey passkey)
    {
        var personId = await AddPersonAsync(purpose, new RoleAssignment { Role = Role.Approver, VillageId = VillageId, SealKind = SealKind.Committee });
        await EnrolPasskeyAsync(Host, await InviteAsync(personId), passkey);
        await EndorseAsync(Host, personId, passkey.CredentialId);
        return (personId, Host.As(personId, $"approver:COMMITTEE@village:{VillageId}"));
    }

    /// <summary>Registers <paramref name="passkey"/> with an enrolment code, as the invited person's browser does.</summary>
    public static async Task EnrolPasskeyAsync(CloudServiceHost host, string enrolmentCode, SoftwarePasskey passkey)
    {
        var browser = host.Browser().Clients;
        var begun = await browser.Sessions.BeginEnrolmentAsync(new BeginEnrolmentRequest { EnrolmentCode = enrolmentCode });
        await browser.Sessions.FinishEnrolmentAsync(new FinishEnrolmentRequest
        {
            EnrolmentCode = enrolmentCode,
            CeremonyId = begun.CeremonyId,
            CredentialJson = passkey.Register(begun.OptionsJson),
        });
    }

    /// <summary>The root administrator endorses the person's passkey with the root passkey.</summary>
    public static async Task EndorseAsync(CloudServiceHost host, string personId, byte[] credentialId)
    {
        var root = await host.RootPasskeyAsync();
        await EndorseAsync(GlobalAdministrator(host), root, personId, credentialId);
    }

    /// <summary><paramref name="administrator"/> endorses the person's passkey, signing with <paramref name="administratorPasskey"/>.</summary>
    public static async Task<EndorsePasskeyResponse> EndorseAsync(CloudClients administrator, SoftwarePasskey administratorPasskey, string personId, byte[] credentialId)
    {
        var begun = await administrator.Organization.BeginPasskeyEndorsementAsync(
            new BeginPasskeyEndorsementRequest { PersonId = personId, CredentialId = ByteString.CopyFrom(credentialId) });
        return await administrator.Organization.EndorsePasskeyAsync(
            new EndorsePasskeyRequest { CeremonyId = begun.CeremonyId, CredentialJson = administratorPasskey.Authenticate(begun.OptionsJson) });
    }

    /// <summary>The root administrator enters the directory, enrols a passkey and endorses it with itself (a root).</summary>
    public static async Task<SoftwarePasskey> EnrolRootAdministratorAsync(CloudServiceHost host)
    {
        var admin = GlobalAdministrator(host);
        await admin.Organization.UpsertPersonAsync(new UpsertPersonRequest { Person = new Person { PersonId = RootAdministratorId, Name = "县级管理员" } });
        var code = (await admin.Organization.InvitePersonAsync(new InvitePersonRequest { PersonId = RootAdministratorId })).EnrolmentCode;
        var passkey = new SoftwarePasskey();
        await EnrolPasskeyAsync(host, code, passkey);
        await EndorseAsync(admin, passkey, RootAdministratorId, passkey.CredentialId);
        return passkey;
    }
}
