using SealCabinet.Contracts.V1;
using Wire = SealCabinet.Contracts.V1;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Access;

/// <summary>
/// The one place that says who may call what. Every RPC of every service in the contract has an entry;
/// an RPC without one is refused (and fails the authorisation matrix test).
/// </summary>
internal static class AccessPolicies
{
    private static readonly PersonRole[] Everyone =
        [PersonRole.Custodian, PersonRole.Approver, PersonRole.Supervisor, PersonRole.Technician, PersonRole.Administrator];

    private static readonly Dictionary<string, RpcPolicy> Table = Build();

    public static IReadOnlyCollection<RpcPolicy> All => Table.Values;

    public static RpcPolicy? Find(string method) => Table.GetValueOrDefault(method);

    /// <summary>The gRPC method path, e.g. <c>/sealcabinet.v1.Requests/ApproveRequest</c>.</summary>
    public static string PathOf(Google.Protobuf.Reflection.MethodDescriptor method) => $"/{method.Service.FullName}/{method.Name}";

    private static Dictionary<string, RpcPolicy> Build()
    {
        var table = new Dictionary<string, RpcPolicy>(StringComparer.Ordinal);

        // Devices: technicians manage cabinets; everyone with a role in the village may look at them.
        People<RegisterCabinetRequest>(table, Wire.Devices.Descriptor, "RegisterCabinet", [PersonRole.Technician],
            (r, s, ct) => s.Village(r.VillageId, "village_id", ct));
        People<GetCabinetRequest>(table, Wire.Devices.Descriptor, "GetCabinet", Everyone,
            (r, s, ct) => s.Device(r.DeviceId, "device_id", ct));
        People<ListCabinetsRequest>(table, Wire.Devices.Descriptor, "ListCabinets", Everyone,
            (r, s, ct) => s.Filter(r.VillageId, "village_id", r.TownId, "town_id", ct));
        People<DecommissionCabinetRequest>(table, Wire.Devices.Descriptor, "DecommissionCabinet", [PersonRole.Technician, PersonRole.Administrator],
            (r, s, ct) => s.Device(r.DeviceId, "device_id", ct));
        People<RotateDeviceSecretRequest>(table, Wire.Devices.Descriptor, "RotateDeviceSecret", [PersonRole.Technician],
            (r, s, ct) => s.Device(r.DeviceId, "device_id", ct));
        People<AuthorizeChainRestartRequest>(table, Wire.Devices.Descriptor, "AuthorizeChainRestart", [PersonRole.Technician],
            (r, s, ct) => s.Device(r.DeviceId, "device_id", ct));

        // Organization: administrators manage their scope; the matter catalogue is deployment-wide.
        People<CreateTownRequest>(table, Wire.Organization.Descriptor, "CreateTown", [PersonRole.Administrator],
            (r, _, _) => ScopeResolver.Town(r.Town?.TownId ?? "", "town.town_id"));
        People<CreateVillageRequest>(table, Wire.Organization.Descriptor, "CreateVillage", [PersonRole.Administrator],
            (r, _, _) => ScopeResolver.Town(r.Village?.TownId ?? "", "village.town_id"));
        People<ListVillagesRequest>(table, Wire.Organization.Descriptor, "ListVillages", Everyone,
            (r, s, ct) => s.Filter("", "", r.TownId, "town_id", ct));
        People<UpsertPersonRequest>(table, Wire.Organization.Descriptor, "UpsertPerson", [PersonRole.Administrator],
            (_, _, _) => ScopeResolver.Anywhere());
        People<AssignRoleRequest>(table, Wire.Organization.Descriptor, "AssignRole", [PersonRole.Administrator],
            (r, s, ct) => s.Assignment(r.Assignment?.VillageId ?? "", r.Assignment?.TownId ?? "", "assignment", ct));
        People<RevokeRoleRequest>(table, Wire.Organization.Descriptor, "RevokeRole", [PersonRole.Administrator],
            (r, s, ct) => s.Assignment(r.Assignment?.VillageId ?? "", r.Assignment?.TownId ?? "", "assignment", ct));
        People<ListMattersRequest>(table, Wire.Organization.Descriptor, "ListMatters", Everyone,
            (_, _, _) => ScopeResolver.Anywhere());
        People<ImportMattersRequest>(table, Wire.Organization.Descriptor, "ImportMatters", [PersonRole.Administrator],
            (_, _, _) => ScopeResolver.Global());
        People<ListPeopleRequest>(table, Wire.Organization.Descriptor, "ListPeople", [PersonRole.Administrator],
            (r, s, ct) => s.Filter(r.VillageId, "village_id", r.TownId, "town_id", ct));

        // An invitation lets its holder sign in as the person, so the administrator's scope must cover every role the
        // person holds; that depends on the person's roles and is checked by Organization/OrganizationService.
        People<InvitePersonRequest>(table, Wire.Organization.Descriptor, "InvitePerson", [PersonRole.Administrator],
            (_, _, _) => ScopeResolver.Anywhere());
        People<RevokePasskeysRequest>(table, Wire.Organization.Descriptor, "RevokePasskeys", [PersonRole.Administrator],
            (_, _, _) => ScopeResolver.Anywhere());
        People<BeginPasskeyEndorsementRequest>(table, Wire.Organization.Descriptor, "BeginPasskeyEndorsement", [PersonRole.Administrator],
            (_, _, _) => ScopeResolver.Anywhere());
        People<EndorsePasskeyRequest>(table, Wire.Organization.Descriptor, "EndorsePasskey", [PersonRole.Administrator],
            (_, _, _) => ScopeResolver.Anywhere());

        // Anyone sees their own passkeys (to show the fingerprint the administrator compares); another person's only an
        // administrator covering every role they hold, checked by Organization/PasskeyEndorsements.
        People<ListPasskeysRequest>(table, Wire.Organization.Descriptor, "ListPasskeys", Everyone,
            (_, _, _) => ScopeResolver.Anywhere());

        // Cabinet authentication: a custodian sets their own PIN (the caller's person, whatever the scope); an administrator
        // registers cards (for people whose every role they cover, checked by Organization/OrganizationService, as for
        // invitations) and sets a village's policy.
        People<SetCabinetPinRequest>(table, Wire.Organization.Descriptor, "SetCabinetPin", [PersonRole.Custodian],
            (_, _, _) => ScopeResolver.Anywhere());
        People<SetAccessCardRequest>(table, Wire.Organization.Descriptor, "SetAccessCard", [PersonRole.Administrator],
            (_, _, _) => ScopeResolver.Anywhere());
        People<SetCabinetAuthPolicyRequest>(table, Wire.Organization.Descriptor, "SetCabinetAuthPolicy", [PersonRole.Administrator],
            (r, s, ct) => s.Village(r.VillageId, "village_id", ct));

        // Requests: custodians file, approvers decide (the seal kind and "never the filer" are workflow rules
        // in Requests/RequestRules), everyone in the village may read.
        People<SubmitRequestRequest>(table, Wire.Requests.Descriptor, "SubmitRequest", [PersonRole.Custodian],
            (r, s, ct) => s.Village(r.VillageId, "village_id", ct));
        People<BeginDecisionSignatureRequest>(table, Wire.Requests.Descriptor, "BeginDecisionSignature", [PersonRole.Approver],
            (r, s, ct) => s.Request(r.RequestId, "request_id", ct));
        People<ApproveRequestRequest>(table, Wire.Requests.Descriptor, "ApproveRequest", [PersonRole.Approver],
            (r, s, ct) => s.Request(r.RequestId, "request_id", ct));
        People<RejectRequestRequest>(table, Wire.Requests.Descriptor, "RejectRequest", [PersonRole.Approver],
            (r, s, ct) => s.Request(r.RequestId, "request_id", ct));
        People<CancelRequestRequest>(table, Wire.Requests.Descriptor, "CancelRequest", [PersonRole.Custodian, PersonRole.Administrator],
            (r, s, ct) => s.Request(r.RequestId, "request_id", ct));
        People<GetRequestRequest>(table, Wire.Requests.Descriptor, "GetRequest", Everyone,
            (r, s, ct) => s.Request(r.RequestId, "request_id", ct));
        People<ListRequestsRequest>(table, Wire.Requests.Descriptor, "ListRequests", Everyone,
            (r, s, ct) => s.Filter(r.VillageId, "village_id", r.TownId, "town_id", ct));
        People<ReissueGrantRequest>(table, Wire.Requests.Descriptor, "ReissueGrant", [PersonRole.Custodian, PersonRole.Approver, PersonRole.Administrator],
            (r, s, ct) => s.Request(r.RequestId, "request_id", ct));
        var contentReaders = new[] { PersonRole.Custodian, PersonRole.Approver, PersonRole.Supervisor, PersonRole.Administrator };
        People<GetMaterialRequest>(table, Wire.Requests.Descriptor, "GetMaterial", contentReaders,
            (r, s, ct) => s.Request(r.RequestId, "request_id", ct));
        People<GetEvidenceRequest>(table, Wire.Requests.Descriptor, "GetEvidence", contentReaders,
            (r, s, ct) => s.Request(r.RequestId, "request_id", ct));

        // Audit: supervision reads and acts; administrators read.
        var ledgerReaders = new[] { PersonRole.Supervisor, PersonRole.Administrator };
        foreach (var name in new[] { "GetTreeHead", "ListTreeHeads", "SignTreeHead", "GetInclusionProof", "GetConsistencyProof", "GetEntries", "GetLedgerPublicKey" })
        {
            People<object>(table, Wire.Audit.Descriptor, name, ledgerReaders, (_, _, _) => ScopeResolver.Anywhere());
        }

        People<GetStatisticsRequest>(table, Wire.Audit.Descriptor, "GetStatistics", ledgerReaders,
            (r, s, ct) => s.Filter(r.VillageId, "village_id", r.TownId, "town_id", ct));
        People<ListAnomaliesRequest>(table, Wire.Audit.Descriptor, "ListAnomalies", [PersonRole.Supervisor],
            (r, s, ct) => s.Filter(r.VillageId, "village_id", r.TownId, "town_id", ct));
        People<UpdateAnomalyRequest>(table, Wire.Audit.Descriptor, "UpdateAnomaly", [PersonRole.Supervisor],
            (_, _, _) => ScopeResolver.Anywhere());
        People<ImportBuildingRecordsRequest>(table, Wire.Audit.Descriptor, "ImportBuildingRecords", ledgerReaders,
            (r, s, ct) => s.Village(r.VillageId, "village_id", ct));

        // Notifications: everyone with a role; the stream is filtered by the caller's roles and scope.
        People<SubscribeRequest>(table, Wire.Notifications.Descriptor, "Subscribe", Everyone, (_, _, _) => ScopeResolver.Anywhere());

        // Sessions: the ceremonies carry their own credential (an enrolment code, a passkey assertion, an authorization
        // code bound to the browser); reading and ending one's own session needs a sign-in but no particular role.
        foreach (var name in new[] { "BeginEnrolment", "FinishEnrolment", "BeginSignIn", "FinishSignIn", "GetSignInMethods", "BeginOidcSignIn", "FinishOidcSignIn" })
        {
            Roleless(table, PathOf(Wire.Sessions.Descriptor.FindMethodByName(name)), CallerKind.Anyone);
        }

        Roleless(table, PathOf(Wire.Sessions.Descriptor.FindMethodByName("GetSession")), CallerKind.SignedIn);
        Roleless(table, PathOf(Wire.Sessions.Descriptor.FindMethodByName("SignOut")), CallerKind.SignedIn);

        // DeviceGateway: cabinets, authenticated by the MAC inside every request (never a bearer token).
        foreach (var method in Wire.DeviceGateway.Descriptor.Methods)
        {
            Roleless(table, PathOf(method), CallerKind.Device);
        }

        // Infrastructure: probes must work without credentials; reflection is mapped in development only.
        foreach (var path in new[]
        {
            "/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch", "/grpc.health.v1.Health/List",
            "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        })
        {
            Roleless(table, path, CallerKind.Anyone);
        }

        return table;
    }

    private static void Roleless(Dictionary<string, RpcPolicy> table, string path, CallerKind kind) =>
        table.Add(path, new RpcPolicy(path, kind, new HashSet<PersonRole>(), (_, _, _) => ScopeResolver.Anywhere()));

    private static void People<TRequest>(
        Dictionary<string, RpcPolicy> table,
        Google.Protobuf.Reflection.ServiceDescriptor service,
        string methodName,
        PersonRole[] roles,
        Func<TRequest, ScopeResolver, CancellationToken, ValueTask<ScopeTarget?>> target)
    {
        var method = service.FindMethodByName(methodName)
            ?? throw new InvalidOperationException($"{service.FullName} has no method {methodName}");
        var path = PathOf(method);
        table.Add(path, new RpcPolicy(path, CallerKind.Person, new HashSet<PersonRole>(roles), (request, resolver, ct) => target((TRequest)request, resolver, ct)));
    }
}
