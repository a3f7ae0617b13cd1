using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Edge;
using SealCabinet.Cloud.Service.Mqtt;
using SealCabinet.Cloud.Service.Persistence;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Devices;

/// <summary>The Devices RPCs: wire messages in and out, <see cref="DeviceService"/> in between.</summary>
internal sealed class DevicesGrpcService(
    DeviceService devices, CallerAccessor callers, CloudDbContext db, IOptions<IngestionOptions> ingestion, TimeProvider clock) : Wire.Devices.DevicesBase
{
    private DateTimeOffset OnlineSince => clock.GetUtcNow() - ingestion.Value.OnlineWindow;

    private static readonly HashSet<PersonRole> Readers =
        [PersonRole.Custodian, PersonRole.Approver, PersonRole.Supervisor, PersonRole.Technician, PersonRole.Administrator];

    public override async Task<Wire.RegisterCabinetResponse> RegisterCabinet(Wire.RegisterCabinetRequest request, ServerCallContext context)
    {
        var sleeves = request.Sleeves
            .Select((s, i) => new SleeveSpec((int)Math.Min(s.Number, int.MaxValue), WireSealKind.ToCode(s.SealKind, $"sleeves[{i}].seal_kind")))
            .ToList();
        var registration = await devices.RegisterAsync(request.VillageId, request.Name, request.Location, sleeves, context.CancellationToken);
        return new Wire.RegisterCabinetResponse
        {
            Cabinet = CabinetMapping.ToWire(registration.Cabinet, OnlineSince),
            DeviceSecret = ByteString.CopyFrom(registration.DeviceSecret),
            GrantsTopic = MqttTopics.Grants(registration.Cabinet.DeviceId),
            StatusTopic = MqttTopics.Status(registration.Cabinet.DeviceId),
        };
    }

    public override async Task<Wire.GetCabinetResponse> GetCabinet(Wire.GetCabinetRequest request, ServerCallContext context)
    {
        var found = await devices.GetAsync(request.DeviceId, context.CancellationToken);
        var cabinet = CabinetMapping.ToWire(found, OnlineSince);
        CabinetMapping.AddCommissioning(cabinet, await CabinetCommissioning.ReadAsync(db, found.DeviceId, found.LastEventAt, context.CancellationToken));
        return new() { Cabinet = cabinet };
    }

    public override async Task<Wire.ListCabinetsResponse> ListCabinets(Wire.ListCabinetsRequest request, ServerCallContext context)
    {
        var paging = Paging.Parse(request.Page?.PageSize ?? 0, request.Page?.PageToken);
        var page = await devices.ListAsync(
            callers.Caller.VisibleScope(Readers), request.VillageId, request.TownId, request.IncludeDecommissioned, paging, context.CancellationToken);
        var response = new Wire.ListCabinetsResponse
        {
            Page = new Wire.PageResponse { NextPageToken = page.NextPageToken, TotalCount = page.TotalCount },
        };
        response.Cabinets.AddRange(page.Items.Select(c => CabinetMapping.ToWire(c, OnlineSince)));
        return response;
    }

    public override async Task<Wire.DecommissionCabinetResponse> DecommissionCabinet(Wire.DecommissionCabinetRequest request, ServerCallContext context)
    {
        var result = await devices.DecommissionAsync(request.DeviceId, request.Reason, context.CancellationToken);
        return new Wire.DecommissionCabinetResponse { Cabinet = CabinetMapping.ToWire(result.Cabinet, OnlineSince), RevokedGrants = result.RevokedGrants };
    }

    public override async Task<Wire.RotateDeviceSecretResponse> RotateDeviceSecret(Wire.RotateDeviceSecretRequest request, ServerCallContext context) =>
        new() { DeviceSecret = ByteString.CopyFrom(await devices.RotateSecretAsync(request.DeviceId, context.CancellationToken)) };

    public override async Task<Wire.AuthorizeChainRestartResponse> AuthorizeChainRestart(Wire.AuthorizeChainRestartRequest request, ServerCallContext context) =>
        new() { NextChainEpoch = (uint)await devices.AuthorizeChainRestartAsync(request.DeviceId, request.Reason, callers.Caller.PersonId, context.CancellationToken) };
}
