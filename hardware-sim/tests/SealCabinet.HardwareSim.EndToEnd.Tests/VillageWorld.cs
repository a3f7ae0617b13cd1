using SealCabinet.Contracts.V1;
using SealCabinet.HardwareSim.Cabinet;
using SealCabinet.HardwareSim.Demo;
using SealCabinet.HardwareSim.Provisioning;
using CoreSealKind = SealCabinet.Firmware.Core.Messages.SealKind;

namespace SealCabinet.HardwareSim.EndToEnd.Tests;

/// <summary>
/// A village of its own (unique ids) with a custodian (in the directory, with a cabinet PIN, so the cabinets' roster
/// lists them), a committee approver, a technician, and its cabinets.
/// </summary>
internal sealed class VillageWorld : IDisposable
{
    private readonly List<SimulatedCabinet> _cabinets = [];

    private readonly TestCloud _cloud;

    private VillageWorld(TestCloud cloud, string villageId, CloudActor administrator, CloudActor custodian, CloudActor approver, CloudActor technician)
    {
        _cloud = cloud;
        VillageId = villageId;
        Administrator = administrator;
        Custodian = custodian;
        Approver = approver;
        Technician = technician;
    }

    public string VillageId { get; }

    /// <summary>The custodian's cabinet PIN.</summary>
    public const string CustodianPin = "2580";

    public CloudActor Administrator { get; }

    public CloudActor Custodian { get; }

    /// <summary>What the custodian types at the cabinet.</summary>
    public static CustodianCredential CustodianAtCabinet => CustodianCredential.WithPin(CustodianPin);

    public CloudActor Approver { get; }

    public CloudActor Technician { get; }

    /// <param name="custodianSetsPin">False leaves the custodian without a cabinet PIN (for the console's PIN screen).</param>
    public static async Task<VillageWorld> CreateAsync(string purpose, TestCloud? cloud = null, bool custodianSetsPin = true)
    {
        cloud ??= CloudUnderTest.Shared;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var town = $"town-{suffix}";
        var village = $"{purpose}-{suffix}";
        var tokens = cloud.Tokens;
        var channel = cloud.Channel;
        var admin = new CloudActor(channel, "admin", "管理员", "administrator", tokens.Mint("admin", "管理员", "administrator@global"));
        await admin.Organization.CreateTownAsync(new CreateTownRequest { Town = new Town { TownId = town, Name = "测试镇" } });
        await admin.Organization.CreateVillageAsync(new CreateVillageRequest { Village = new Village { VillageId = village, TownId = town, Name = "测试村" } });
        var custodian = new CloudActor(channel, $"li-{suffix}", "李梅", "custodian", tokens.Mint($"li-{suffix}", "李梅", $"custodian@village:{village}"));
        var approver = new CloudActor(channel, $"wang-{suffix}", "王建国", "approver", tokens.Mint($"wang-{suffix}", "王建国", $"approver:COMMITTEE@village:{village}"));
        var technician = new CloudActor(channel, $"zhao-{suffix}", "赵师傅", "technician", tokens.Mint($"zhao-{suffix}", "赵师傅", $"technician@village:{village}"));
        var world = new VillageWorld(cloud, village, admin, custodian, approver, technician);
        await world.AppointCustodianAsync(custodian, custodianSetsPin ? CustodianPin : null);
        return world;
    }

    /// <summary>Registers the person as a custodian of the village in the directory and sets their cabinet PIN (if given), as they would in the console.</summary>
    public async Task AppointCustodianAsync(CloudActor person, string? pin)
    {
        await Administrator.Organization.UpsertPersonAsync(new UpsertPersonRequest { Person = new Person { PersonId = person.PersonId, Name = person.Name } });
        await Administrator.Organization.AssignRoleAsync(new AssignRoleRequest
        {
            PersonId = person.PersonId,
            Assignment = new RoleAssignment { Role = Role.Custodian, VillageId = VillageId },
        });
        if (pin is not null)
        {
            await person.Organization.SetCabinetPinAsync(new SetCabinetPinRequest { Pin = pin });
        }
    }

    /// <summary>A custodian of the village with their own token (not yet in the directory).</summary>
    public CloudActor NewCustodianActor(string name)
    {
        var id = $"{name}-{VillageId}";
        return new CloudActor(_cloud.Channel, id, name, "custodian", _cloud.Tokens.Mint(id, name, $"custodian@village:{VillageId}"));
    }

    /// <summary>Registers a cabinet (sleeves Party, committee, cooperative), provisions a simulated one and powers it on.</summary>
    public async Task<SimulatedCabinet> AddCabinetAsync(bool powerOn = true)
    {
        var cloud = _cloud.Process;
        var registered = await Technician.Devices.RegisterCabinetAsync(new RegisterCabinetRequest
        {
            VillageId = VillageId,
            Name = "便民服务中心印章柜",
            Sleeves =
            {
                new Sleeve { Number = 1, SealKind = SealKind.Party },
                new Sleeve { Number = 2, SealKind = SealKind.Committee },
                new Sleeve { Number = 3, SealKind = SealKind.Cooperative },
            },
        });
        var flash = Path.Combine(cloud.DataDirectory, "cabinets", registered.Cabinet.DeviceId);
        ProvisionFile.Write(flash, new CabinetProvisioning
        {
            DeviceId = registered.Cabinet.DeviceId,
            DeviceSecret = registered.DeviceSecret.ToByteArray(),
            GatewayUrl = cloud.GrpcWebUrl,
            MqttHost = cloud.MqttHost,
            MqttPort = cloud.MqttPort,
            Sleeves = [CoreSealKind.Party, CoreSealKind.Committee, CoreSealKind.Cooperative],
        });
        var cabinet = new SimulatedCabinet(new SimulatedCabinetOptions { FlashDirectory = flash });
        _cabinets.Add(cabinet);
        if (powerOn)
        {
            cabinet.PowerOn();
            await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { MqttConnected: true, HasTrustedTime: true }, TimeSpan.FromSeconds(30), "the cabinet online");
        }

        return cabinet;
    }

    /// <summary>Files a committee-seal request for one copy, as the village's custodian or <paramref name="custodian"/>; returns its id.</summary>
    public async Task<string> FileRequestAsync(CloudActor? custodian = null)
    {
        var response = await (custodian ?? Custodian).Requests.SubmitRequestAsync(new SubmitRequestRequest
        {
            VillageId = VillageId,
            SealKind = SealKind.Committee,
            MatterCode = "BIZ-PREMISES",
            ApplicantName = "王小明",
            Purpose = "开办小卖部",
            Copies = 1,
            IdempotencyKey = Guid.NewGuid().ToString(),
            Materials = { new Material { FileName = "scan.jpg", ContentType = "image/jpeg", Content = Google.Protobuf.ByteString.CopyFrom(Evidence.Imaging.Rendering.DocumentPageRenderer.RenderJpeg(7)) } },
        });
        return response.Request.RequestId;
    }

    public async Task<Grant> ApproveAsync(string requestId)
    {
        var response = await Approver.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = requestId, Comment = "同意" });
        return response.Grant;
    }

    public void Dispose()
    {
        foreach (var cabinet in _cabinets)
        {
            cabinet.Dispose();
        }
    }
}
