using Grpc.Core;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Edge;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Sessions;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Organization;

/// <summary>The Organization RPCs.</summary>
internal sealed class OrganizationGrpcService(
    OrganizationService organization, PasskeyEndorsements endorsements, CallerAccessor callers, IOptions<SignInOptions> signIn) : Wire.Organization.OrganizationBase
{
    private static readonly HashSet<PersonRole> Readers =
        [PersonRole.Custodian, PersonRole.Approver, PersonRole.Supervisor, PersonRole.Technician, PersonRole.Administrator];

    private static readonly HashSet<PersonRole> Administrators = [PersonRole.Administrator];

    public override async Task<Wire.CreateTownResponse> CreateTown(Wire.CreateTownRequest request, ServerCallContext context)
    {
        var town = request.Town ?? throw CloudException.Invalid("town", "is required");
        return new() { Town = OrganizationMapping.ToWire(await organization.CreateTownAsync(town.TownId, town.Name, context.CancellationToken)) };
    }

    public override async Task<Wire.CreateVillageResponse> CreateVillage(Wire.CreateVillageRequest request, ServerCallContext context)
    {
        var village = request.Village ?? throw CloudException.Invalid("village", "is required");
        var kinds = village.SealKinds.Select((k, i) => WireSealKind.ToCode(k, $"village.seal_kinds[{i}]")).ToList();
        var created = await organization.CreateVillageAsync(village.VillageId, village.TownId, village.Name, kinds, context.CancellationToken);
        return new() { Village = OrganizationMapping.ToWire(created) };
    }

    public override async Task<Wire.ListVillagesResponse> ListVillages(Wire.ListVillagesRequest request, ServerCallContext context)
    {
        var paging = Paging.Parse(request.Page?.PageSize ?? 0, request.Page?.PageToken);
        var page = await organization.ListVillagesAsync(callers.Caller.VisibleScope(Readers), request.TownId, paging, context.CancellationToken);
        var response = new Wire.ListVillagesResponse { Page = new Wire.PageResponse { NextPageToken = page.NextPageToken, TotalCount = page.TotalCount } };
        response.Villages.AddRange(page.Items.Select(OrganizationMapping.ToWire));
        return response;
    }

    public override async Task<Wire.UpsertPersonResponse> UpsertPerson(Wire.UpsertPersonRequest request, ServerCallContext context)
    {
        var person = request.Person ?? throw CloudException.Invalid("person", "is required");
        var saved = await organization.UpsertPersonAsync(person.PersonId, person.Name, person.Phone, context.CancellationToken);
        return new() { Person = WirePerson.ToWire(saved) };
    }

    public override async Task<Wire.AssignRoleResponse> AssignRole(Wire.AssignRoleRequest request, ServerCallContext context)
    {
        var spec = OrganizationMapping.FromWire(request.Assignment);
        return new() { Person = WirePerson.ToWire(await organization.AssignRoleAsync(request.PersonId, spec, context.CancellationToken)) };
    }

    public override async Task<Wire.RevokeRoleResponse> RevokeRole(Wire.RevokeRoleRequest request, ServerCallContext context)
    {
        var spec = OrganizationMapping.FromWire(request.Assignment);
        return new() { Person = WirePerson.ToWire(await organization.RevokeRoleAsync(request.PersonId, spec, context.CancellationToken)) };
    }

    public override async Task<Wire.ListMattersResponse> ListMatters(Wire.ListMattersRequest request, ServerCallContext context)
    {
        var paging = Paging.Parse(request.Page?.PageSize ?? 0, request.Page?.PageToken);
        var page = await organization.ListMattersAsync(WireSealKind.ToCodeOrNull(request.SealKind, "seal_kind"), paging, context.CancellationToken);
        var response = new Wire.ListMattersResponse { Page = new Wire.PageResponse { NextPageToken = page.NextPageToken, TotalCount = page.TotalCount } };
        response.Matters.AddRange(page.Items.Select(OrganizationMapping.ToWire));
        return response;
    }

    public override async Task<Wire.ListPeopleResponse> ListPeople(Wire.ListPeopleRequest request, ServerCallContext context)
    {
        var paging = Paging.Parse(request.Page?.PageSize ?? 0, request.Page?.PageToken);
        var page = await organization.ListPeopleAsync(
            callers.Caller.VisibleScope(Administrators), request.VillageId, request.TownId, paging, context.CancellationToken);
        var response = new Wire.ListPeopleResponse { Page = new Wire.PageResponse { NextPageToken = page.NextPageToken, TotalCount = page.TotalCount } };
        response.People.AddRange(page.Items.Select(p => WirePerson.ToWire(p.Person, p.Passkeys, p.Unendorsed)));
        return response;
    }

    public override async Task<Wire.InvitePersonResponse> InvitePerson(Wire.InvitePersonRequest request, ServerCallContext context)
    {
        var (code, expiresAt) = await organization.InviteAsync(callers.Caller, request.PersonId, request.ValidHours, context.CancellationToken);
        return new()
        {
            EnrolmentCode = code,
            EnrolmentPath = "/#/enrol/" + code,
            ExpiresTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(expiresAt),
        };
    }

    public override async Task<Wire.SetCabinetPinResponse> SetCabinetPin(Wire.SetCabinetPinRequest request, ServerCallContext context) =>
        new() { Person = WirePerson.ToWire(await organization.SetCabinetPinAsync(callers.Caller, request.Pin, context.CancellationToken)) };

    public override async Task<Wire.SetAccessCardResponse> SetAccessCard(Wire.SetAccessCardRequest request, ServerCallContext context) =>
        new() { Person = WirePerson.ToWire(await organization.SetAccessCardAsync(callers.Caller, request.PersonId, request.CardUid, context.CancellationToken)) };

    public override async Task<Wire.SetCabinetAuthPolicyResponse> SetCabinetAuthPolicy(Wire.SetCabinetAuthPolicyRequest request, ServerCallContext context)
    {
        var policy = WireCabinetAuthPolicy.FromWire(request.Policy, "policy");
        return new() { Village = OrganizationMapping.ToWire(await organization.SetCabinetAuthPolicyAsync(request.VillageId, policy, context.CancellationToken)) };
    }

    public override async Task<Wire.RevokePasskeysResponse> RevokePasskeys(Wire.RevokePasskeysRequest request, ServerCallContext context)
    {
        var (person, revoked) = await organization.RevokePasskeysAsync(callers.Caller, request.PersonId, request.Reason, context.CancellationToken);
        return new() { Revoked = revoked, Person = WirePerson.ToWire(person) };
    }

    public override async Task<Wire.ListPasskeysResponse> ListPasskeys(Wire.ListPasskeysRequest request, ServerCallContext context)
    {
        var response = new Wire.ListPasskeysResponse();
        response.Passkeys.AddRange((await endorsements.ListAsync(callers.Caller, request.PersonId, context.CancellationToken)).Select(OrganizationMapping.ToWire));
        return response;
    }

    public override async Task<Wire.BeginPasskeyEndorsementResponse> BeginPasskeyEndorsement(Wire.BeginPasskeyEndorsementRequest request, ServerCallContext context)
    {
        var (ceremony, statement, options, root, fingerprint) = await endorsements.BeginAsync(
            callers.Caller, RelyingParty.For(signIn.Value, context.GetHttpContext().Request), request.PersonId, request.CredentialId.ToByteArray(), context.CancellationToken);
        return new()
        {
            CeremonyId = ceremony.ToString("D"), Statement = Google.Protobuf.ByteString.CopyFrom(statement), OptionsJson = options, Root = root, Fingerprint = fingerprint,
        };
    }

    public override async Task<Wire.EndorsePasskeyResponse> EndorsePasskey(Wire.EndorsePasskeyRequest request, ServerCallContext context) =>
        new()
        {
            Passkey = OrganizationMapping.ToWire(await endorsements.EndorseAsync(
                callers.Caller, RelyingParty.For(signIn.Value, context.GetHttpContext().Request), request.CeremonyId, request.CredentialJson, context.CancellationToken)),
        };

    public override async Task<Wire.ImportMattersResponse> ImportMatters(Wire.ImportMattersRequest request, ServerCallContext context)
    {
        var result = await organization.ImportMattersAsync(request.Csv, context.CancellationToken);
        return new() { Inserted = result.Inserted, Updated = result.Updated };
    }
}
