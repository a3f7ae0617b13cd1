using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Core;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using Wire = SealCabinet.Contracts.V1;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// Every RPC of the contract × every role × in-scope / out-of-scope, generated from the service descriptors:
/// an RPC without a policy in the service, or without an expectation here, fails.
/// </summary>
[TestFixture]
public sealed class AuthorizationMatrixTests
{
    private const string InVillage = "matrix-a";
    private const string InTown = "town-matrix-a";
    private const string OutVillage = "matrix-b";

    private static readonly string[] Roles = ["custodian", "approver:COMMITTEE", "supervisor", "technician", "administrator", "none"];

    // Of the custodians, only the one who filed the request may call these (checked by the workflow, not the policy):
    // a colleague custodian of the same village is refused.
    private static readonly HashSet<string> FilerOnly = ["sealcabinet.v1.Requests/CancelRequest", "sealcabinet.v1.Requests/ReissueGrant"];

    // The expectation, written independently of Access/AccessPolicies: who may call what, and what scope must cover.
    private static readonly Dictionary<string, (string[] Roles, Reach Reach)> Expected = new()
    {
        ["sealcabinet.v1.Devices/RegisterCabinet"] = (["technician"], Reach.Village),
        ["sealcabinet.v1.Devices/GetCabinet"] = (Everyone(), Reach.Village),
        ["sealcabinet.v1.Devices/ListCabinets"] = (Everyone(), Reach.Village),
        ["sealcabinet.v1.Devices/DecommissionCabinet"] = (["technician", "administrator"], Reach.Village),
        ["sealcabinet.v1.Devices/RotateDeviceSecret"] = (["technician"], Reach.Village),
        ["sealcabinet.v1.Devices/AuthorizeChainRestart"] = (["technician"], Reach.Village),
        ["sealcabinet.v1.Organization/CreateTown"] = (["administrator"], Reach.Town),
        ["sealcabinet.v1.Organization/CreateVillage"] = (["administrator"], Reach.Town),
        ["sealcabinet.v1.Organization/ListVillages"] = (Everyone(), Reach.Town),
        ["sealcabinet.v1.Organization/UpsertPerson"] = (["administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Organization/AssignRole"] = (["administrator"], Reach.Village),
        ["sealcabinet.v1.Organization/RevokeRole"] = (["administrator"], Reach.Village),
        ["sealcabinet.v1.Organization/ListMatters"] = (Everyone(), Reach.Anywhere),
        ["sealcabinet.v1.Organization/ImportMatters"] = (["administrator"], Reach.Global),
        ["sealcabinet.v1.Organization/ListPeople"] = (["administrator"], Reach.Village),
        ["sealcabinet.v1.Organization/InvitePerson"] = (["administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Organization/RevokePasskeys"] = (["administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Organization/ListPasskeys"] = (Everyone(), Reach.Anywhere),
        ["sealcabinet.v1.Organization/BeginPasskeyEndorsement"] = (["administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Organization/EndorsePasskey"] = (["administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Organization/SetCabinetPin"] = (["custodian"], Reach.Anywhere),
        ["sealcabinet.v1.Organization/SetAccessCard"] = (["administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Organization/SetCabinetAuthPolicy"] = (["administrator"], Reach.Village),
        ["sealcabinet.v1.Requests/SubmitRequest"] = (["custodian"], Reach.Village),
        ["sealcabinet.v1.Requests/BeginDecisionSignature"] = (["approver:COMMITTEE"], Reach.Village),
        ["sealcabinet.v1.Requests/ApproveRequest"] = (["approver:COMMITTEE"], Reach.Village),
        ["sealcabinet.v1.Requests/RejectRequest"] = (["approver:COMMITTEE"], Reach.Village),
        ["sealcabinet.v1.Requests/CancelRequest"] = (["custodian", "administrator"], Reach.Village),
        ["sealcabinet.v1.Requests/GetRequest"] = (Everyone(), Reach.Village),
        ["sealcabinet.v1.Requests/ListRequests"] = (Everyone(), Reach.Village),
        ["sealcabinet.v1.Requests/ReissueGrant"] = (["custodian", "approver:COMMITTEE", "administrator"], Reach.Village),
        ["sealcabinet.v1.Requests/GetMaterial"] = (["custodian", "approver:COMMITTEE", "supervisor", "administrator"], Reach.Village),
        ["sealcabinet.v1.Requests/GetEvidence"] = (["custodian", "approver:COMMITTEE", "supervisor", "administrator"], Reach.Village),
        ["sealcabinet.v1.Audit/GetTreeHead"] = (["supervisor", "administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Audit/ListTreeHeads"] = (["supervisor", "administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Audit/SignTreeHead"] = (["supervisor", "administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Audit/GetInclusionProof"] = (["supervisor", "administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Audit/GetConsistencyProof"] = (["supervisor", "administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Audit/GetEntries"] = (["supervisor", "administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Audit/GetLedgerPublicKey"] = (["supervisor", "administrator"], Reach.Anywhere),
        ["sealcabinet.v1.Audit/GetStatistics"] = (["supervisor", "administrator"], Reach.Village),
        ["sealcabinet.v1.Audit/ListAnomalies"] = (["supervisor"], Reach.Village),
        ["sealcabinet.v1.Audit/UpdateAnomaly"] = (["supervisor"], Reach.Anywhere),
        ["sealcabinet.v1.Audit/ImportBuildingRecords"] = (["supervisor", "administrator"], Reach.Village),
        ["sealcabinet.v1.Notifications/Subscribe"] = (Everyone(), Reach.Anywhere),
    };

    // The sign-in ceremonies carry their own credential (an enrolment code, a signed assertion, an authorization code
    // bound to the browser), and which of them exist is public: no token at all.
    private static readonly HashSet<string> Open =
    [
        "sealcabinet.v1.Sessions/BeginEnrolment", "sealcabinet.v1.Sessions/FinishEnrolment",
        "sealcabinet.v1.Sessions/BeginSignIn", "sealcabinet.v1.Sessions/FinishSignIn",
        "sealcabinet.v1.Sessions/GetSignInMethods", "sealcabinet.v1.Sessions/BeginOidcSignIn", "sealcabinet.v1.Sessions/FinishOidcSignIn",
    ];

    // One's own session: any signed-in person, with or without roles.
    private static readonly HashSet<string> SignedIn = ["sealcabinet.v1.Sessions/GetSession", "sealcabinet.v1.Sessions/SignOut"];

    private CloudServiceHost _host = null!;
    private Village _village = null!;
    private string _requestId = "";
    private string _materialId = "";
    private string _spareDeviceId = "";

    private enum Reach
    {
        /// <summary>A role anywhere will do.</summary>
        Anywhere,

        /// <summary>The role's scope must cover the village the call touches (its village or its town).</summary>
        Village,

        /// <summary>The role's scope must cover the town the call touches.</summary>
        Town,

        /// <summary>Only a deployment-wide role.</summary>
        Global,
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await CloudServiceHost.StartAsync("matrix");
        _village = await Village.CreateAsync(_host, InTown, InVillage);
        await Village.CreateAsync(_host, "town-matrix-b", OutVillage);
        var filer = _host.As("matrix-custodian", $"custodian@village:{InVillage}");
        var request = (await filer.Requests.SubmitRequestAsync(_village.CommitteeSubmission())).Request;
        _requestId = request.RequestId;
        _materialId = request.Materials[0].MaterialId;
        _spareDeviceId = (await _village.Technician.Devices.RegisterCabinetAsync(new RegisterCabinetRequest { VillageId = InVillage, Name = "spare" }))
            .Cabinet.DeviceId;
        await Village.GlobalAdministrator(_host).Organization.UpsertPersonAsync(
            new UpsertPersonRequest { Person = new Person { PersonId = "matrix-person", Name = "矩阵" } });
        await Village.GlobalAdministrator(_host).Organization.UpsertPersonAsync(
            new UpsertPersonRequest { Person = new Person { PersonId = "matrix-invitee", Name = "受邀" } });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    /// <summary>Every method of every service in the wire contract.</summary>
    public static IEnumerable<TestCaseData> AllRpcs() =>
        typeof(Wire.Devices).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal) && t.Namespace == typeof(Wire.Devices).Namespace)
            .Select(t => (FileDescriptor)t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .SelectMany(f => f.Services)
            .SelectMany(s => s.Methods)
            .Select(m => new TestCaseData(m.Service.Name, m.Name).SetName($"{m.Service.Name}.{m.Name} has a policy that matches the expected matrix"));

    [TestCaseSource(nameof(AllRpcs))]
    public async Task Rpc(string service, string method)
    {
        var descriptor = typeof(Wire.Devices).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal) && t.Namespace == typeof(Wire.Devices).Namespace)
            .Select(t => (FileDescriptor)t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .SelectMany(f => f.Services).Single(s => s.Name == service).FindMethodByName(method);
        var path = $"/{descriptor.Service.FullName}/{descriptor.Name}";
        var policy = AccessPolicies.Find(path);
        Assert.That(policy, Is.Not.Null, $"{path} has no access policy");

        if (service == nameof(DeviceGateway))
        {
            Assert.That(policy!.Kind, Is.EqualTo(CallerKind.Device), "device RPCs are authenticated by the device MAC, never by a bearer token");
            return;
        }

        if (Open.Contains(path[1..]))
        {
            Assert.That(policy!.Kind, Is.EqualTo(CallerKind.Anyone), "a sign-in ceremony needs no token: its request carries the credential");
            return;
        }

        if (SignedIn.Contains(path[1..]))
        {
            Assert.That(policy!.Kind, Is.EqualTo(CallerKind.SignedIn));
            await AssertAnySignedInPersonMayCallAsync(service, method);
            return;
        }

        Assert.That(Expected.TryGetValue(path[1..], out var expected), Is.True, $"the matrix has no expectation for {path}; add one");
        Assert.That(policy!.Kind, Is.EqualTo(CallerKind.Person));
        Assert.That(policy.Roles.Select(r => r.ToString().ToLowerInvariant()).Order(),
            Is.EqualTo(expected.Roles.Select(r => r.Split(':')[0]).Order()), $"roles of {path}");

        if (!Served(service))
        {
            return;
        }

        var mismatches = new List<string>();
        var anonymous = await CallAsync(_host.Anonymous(), service, method);
        if (anonymous != StatusCode.Unauthenticated)
        {
            mismatches.Add($"without a token: {anonymous}, expected Unauthenticated");
        }

        var foreign = await CallAsync(_host.WithToken(CloudServiceHost.ForeignToken("intruder", "administrator@global")), service, method);
        if (foreign != StatusCode.Unauthenticated)
        {
            mismatches.Add($"with a token signed by another key: {foreign}, expected Unauthenticated");
        }

        foreach (var role in Roles)
        {
            foreach (var (scopeName, scope) in new[] { ("village-in", $"village:{InVillage}"), ("town-in", $"town:{InTown}"), ("village-out", $"village:{OutVillage}") })
            {
                var roleClaims = role == "none" ? Array.Empty<string>() : [$"{role}@{scope}"];
                var clients = _host.As(PersonFor(role), roleClaims);
                var status = await CallAsync(clients, service, method);
                var allowed = expected.Roles.Contains(role) && expected.Reach switch
                {
                    Reach.Anywhere => true,
                    Reach.Village => scopeName != "village-out",
                    Reach.Town => scopeName == "town-in",
                    _ => false,
                };
                var denied = status is StatusCode.PermissionDenied or StatusCode.Unauthenticated;
                if (allowed == denied)
                {
                    mismatches.Add($"{role}@{scopeName}: {status}, expected {(allowed ? "allowed" : "PermissionDenied")}");
                }
            }
        }

        if (FilerOnly.Contains(path[1..]))
        {
            var colleague = await CallAsync(_host.As("matrix-colleague", $"custodian@village:{InVillage}"), service, method);
            if (colleague != StatusCode.PermissionDenied)
            {
                mismatches.Add($"another custodian of the village than the filer: {colleague}, expected PermissionDenied");
            }
        }

        if (expected.Reach != Reach.Anywhere)
        {
            var global = await CallAsync(_host.As(PersonFor(expected.Roles[0]), $"{expected.Roles[0]}@global"), service, method);
            if (global is StatusCode.PermissionDenied or StatusCode.Unauthenticated)
            {
                mismatches.Add($"{expected.Roles[0]}@global: {global}, expected allowed");
            }
        }

        Assert.That(mismatches, Is.Empty, string.Join("; ", mismatches));
    }

    private async Task AssertAnySignedInPersonMayCallAsync(string service, string method)
    {
        var mismatches = new List<string>();
        var anonymous = await CallAsync(_host.Anonymous(), service, method);
        if (anonymous != StatusCode.Unauthenticated)
        {
            mismatches.Add($"without a token: {anonymous}, expected Unauthenticated");
        }

        foreach (var role in Roles)
        {
            var status = await CallAsync(_host.As(PersonFor(role), role == "none" ? [] : [$"{role}@village:{OutVillage}"]), service, method);
            if (status != StatusCode.OK)
            {
                mismatches.Add($"{role}: {status}, expected allowed");
            }
        }

        Assert.That(mismatches, Is.Empty, string.Join("; ", mismatches));
    }

    private static string[] Everyone() => ["custodian", "approver:COMMITTEE", "supervisor", "technician", "administrator"];

    private static bool Served(string service) => service is "Devices" or "Organization" or "Requests" or "Sessions";

    private static string PersonFor(string role) => role switch
    {
        "custodian" => "matrix-custodian",
        "approver:COMMITTEE" => "matrix-approver",
        _ => "matrix-" + role,
    };

    private async Task<StatusCode> CallAsync(CloudClients clients, string service, string method)
    {
        try
        {
            await InvokeAsync(clients, service + "/" + method);
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private async Task InvokeAsync(CloudClients c, string rpc)
    {
        var assignment = new RoleAssignment { Role = Role.Custodian, VillageId = InVillage };
        switch (rpc)
        {
            case "Devices/RegisterCabinet": await c.Devices.RegisterCabinetAsync(new RegisterCabinetRequest { VillageId = InVillage, Name = "matrix" }); break;
            case "Devices/GetCabinet": await c.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = _village.Cabinet.DeviceId }); break;
            case "Devices/ListCabinets": await c.Devices.ListCabinetsAsync(new ListCabinetsRequest { VillageId = InVillage }); break;
            case "Devices/DecommissionCabinet": await c.Devices.DecommissionCabinetAsync(new DecommissionCabinetRequest { DeviceId = _spareDeviceId, Reason = "matrix" }); break;
            case "Devices/RotateDeviceSecret": await c.Devices.RotateDeviceSecretAsync(new RotateDeviceSecretRequest { DeviceId = _village.Cabinet.DeviceId }); break;
            case "Devices/AuthorizeChainRestart": await c.Devices.AuthorizeChainRestartAsync(new AuthorizeChainRestartRequest { DeviceId = _village.Cabinet.DeviceId, Reason = "matrix" }); break;
            case "Organization/CreateTown": await c.Organization.CreateTownAsync(new CreateTownRequest { Town = new Town { TownId = InTown, Name = "again" } }); break;
            case "Organization/CreateVillage":
                await c.Organization.CreateVillageAsync(new CreateVillageRequest
                {
                    Village = new Contracts.V1.Village { VillageId = "v-" + Guid.NewGuid().ToString("N")[..8], TownId = InTown, Name = "新村" },
                });
                break;
            case "Organization/ListVillages": await c.Organization.ListVillagesAsync(new ListVillagesRequest { TownId = InTown }); break;
            case "Organization/UpsertPerson": await c.Organization.UpsertPersonAsync(new UpsertPersonRequest { Person = new Person { PersonId = "matrix-person", Name = "矩阵" } }); break;
            case "Organization/AssignRole": await c.Organization.AssignRoleAsync(new AssignRoleRequest { PersonId = "matrix-person", Assignment = assignment }); break;
            case "Organization/RevokeRole": await c.Organization.RevokeRoleAsync(new RevokeRoleRequest { PersonId = "matrix-person", Assignment = assignment }); break;
            case "Organization/ListMatters": await c.Organization.ListMattersAsync(new ListMattersRequest()); break;
            case "Organization/ListPeople": await c.Organization.ListPeopleAsync(new ListPeopleRequest { VillageId = InVillage }); break;
            case "Organization/InvitePerson": await c.Organization.InvitePersonAsync(new InvitePersonRequest { PersonId = "matrix-invitee" }); break;
            case "Organization/RevokePasskeys": await c.Organization.RevokePasskeysAsync(new RevokePasskeysRequest { PersonId = "matrix-invitee", Reason = "matrix" }); break;
            case "Organization/ListPasskeys": await c.Organization.ListPasskeysAsync(new ListPasskeysRequest()); break;
            case "Organization/BeginPasskeyEndorsement":
                await c.Organization.BeginPasskeyEndorsementAsync(new BeginPasskeyEndorsementRequest { PersonId = "matrix-invitee", CredentialId = Google.Protobuf.ByteString.CopyFrom(1, 2, 3) });
                break;
            case "Organization/EndorsePasskey": await c.Organization.EndorsePasskeyAsync(new EndorsePasskeyRequest { CeremonyId = "not-a-ceremony" }); break;
            case "Organization/SetCabinetPin": await c.Organization.SetCabinetPinAsync(new SetCabinetPinRequest { Pin = "2580" }); break;
            case "Organization/SetAccessCard": await c.Organization.SetAccessCardAsync(new SetAccessCardRequest { PersonId = "matrix-invitee", CardUid = "04A1B2C3" }); break;
            case "Organization/SetCabinetAuthPolicy":
                await c.Organization.SetCabinetAuthPolicyAsync(new SetCabinetAuthPolicyRequest { VillageId = InVillage, Policy = CabinetAuthPolicy.Pin });
                break;
            case "Organization/ImportMatters": await c.Organization.ImportMattersAsync(new ImportMattersRequest { Csv = "code,name,seal_kinds,approvals_required\nMATRIX,矩阵,COMMITTEE,1\n" }); break;
            case "Requests/SubmitRequest": await c.Requests.SubmitRequestAsync(_village.CommitteeSubmission()); break;
            case "Requests/BeginDecisionSignature":
                await c.Requests.BeginDecisionSignatureAsync(new BeginDecisionSignatureRequest { RequestId = _requestId, Decision = DecisionKind.Approve });
                break;
            case "Requests/ApproveRequest": await c.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = _requestId }); break;
            case "Requests/RejectRequest": await c.Requests.RejectRequestAsync(new RejectRequestRequest { RequestId = _requestId, Comment = "matrix" }); break;
            case "Requests/CancelRequest": await c.Requests.CancelRequestAsync(new CancelRequestRequest { RequestId = _requestId, Reason = "matrix" }); break;
            case "Requests/GetRequest": await c.Requests.GetRequestAsync(new GetRequestRequest { RequestId = _requestId }); break;
            case "Requests/ListRequests": await c.Requests.ListRequestsAsync(new ListRequestsRequest { VillageId = InVillage }); break;
            case "Requests/ReissueGrant": await c.Requests.ReissueGrantAsync(new ReissueGrantRequest { RequestId = _requestId }); break;
            case "Requests/GetMaterial": await c.Requests.GetMaterialAsync(new GetMaterialRequest { RequestId = _requestId, MaterialId = _materialId }); break;
            case "Requests/GetEvidence": await c.Requests.GetEvidenceAsync(new GetEvidenceRequest { RequestId = _requestId, EvidenceId = "none-yet" }); break;
            case "Sessions/GetSession": await c.Sessions.GetSessionAsync(new GetSessionRequest()); break;
            case "Sessions/SignOut": await c.Sessions.SignOutAsync(new SignOutRequest()); break;
            default: throw new AssertionException($"the matrix has no sample call for {rpc}; add one");
        }
    }
}
