using Grpc.Core;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using Pb = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>The Requests RPCs.</summary>
internal sealed class RequestsGrpcService(RequestWorkflow workflow, CallerAccessor callers) : Pb.Requests.RequestsBase
{
    private static readonly HashSet<PersonRole> Readers =
        [PersonRole.Custodian, PersonRole.Approver, PersonRole.Supervisor, PersonRole.Technician, PersonRole.Administrator];

    public override async Task<Pb.SubmitRequestResponse> SubmitRequest(Pb.SubmitRequestRequest request, ServerCallContext context)
    {
        var spec = new SubmissionSpec(
            request.VillageId,
            WireSealKind.ToCode(request.SealKind, "seal_kind"),
            request.MatterCode,
            request.ApplicantName,
            request.Purpose,
            (int)Math.Min(request.Copies, int.MaxValue),
            [.. request.Materials.Select(m => new MaterialUpload(m.FileName, m.ContentType, m.Content.ToByteArray()))],
            request.IdempotencyKey);
        var filed = await workflow.SubmitAsync(callers.Caller, spec, context.CancellationToken);
        return new() { Request = RequestMapping.ToWire(filed) };
    }

    public override async Task<Pb.ApproveRequestResponse> ApproveRequest(Pb.ApproveRequestRequest request, ServerCallContext context)
    {
        var outcome = await workflow.ApproveAsync(callers.Caller, request.RequestId, request.Comment, context.CancellationToken);
        var response = new Pb.ApproveRequestResponse { Request = RequestMapping.ToWire(outcome.Request) };
        if (outcome.Grant is not null)
        {
            response.Grant = RequestMapping.ToWire(outcome.Grant);
        }

        return response;
    }

    public override async Task<Pb.RejectRequestResponse> RejectRequest(Pb.RejectRequestRequest request, ServerCallContext context) =>
        new() { Request = RequestMapping.ToWire(await workflow.RejectAsync(callers.Caller, request.RequestId, request.Comment, context.CancellationToken)) };

    public override async Task<Pb.CancelRequestResponse> CancelRequest(Pb.CancelRequestRequest request, ServerCallContext context) =>
        new() { Request = RequestMapping.ToWire(await workflow.CancelAsync(callers.Caller, request.RequestId, request.Reason, context.CancellationToken)) };

    public override async Task<Pb.GetRequestResponse> GetRequest(Pb.GetRequestRequest request, ServerCallContext context) =>
        new() { Request = RequestMapping.ToWire(await workflow.GetAsync(request.RequestId, context.CancellationToken)) };

    public override async Task<Pb.ListRequestsResponse> ListRequests(Pb.ListRequestsRequest request, ServerCallContext context)
    {
        var paging = Paging.Parse(request.Page?.PageSize ?? 0, request.Page?.PageToken);
        var filter = new RequestQuery(
            request.VillageId,
            request.TownId,
            [.. request.States.Select((s, i) => RequestMapping.FromWire(s, $"states[{i}]"))],
            WireSealKind.ToCodeOrNull(request.SealKind, "seal_kind"),
            request.SubmittedAfter?.ToDateTimeOffset(),
            request.SubmittedBefore?.ToDateTimeOffset());
        var page = await workflow.ListAsync(callers.Caller.VisibleScope(Readers), filter, paging, context.CancellationToken);
        var response = new Pb.ListRequestsResponse { Page = new Pb.PageResponse { NextPageToken = page.NextPageToken, TotalCount = page.TotalCount } };
        response.Requests.AddRange(page.Items.Select(RequestMapping.ToWire));
        return response;
    }

    public override async Task<Pb.ReissueGrantResponse> ReissueGrant(Pb.ReissueGrantRequest request, ServerCallContext context) =>
        new() { Grant = RequestMapping.ToWire(await workflow.ReissueAsync(callers.Caller, request.RequestId, context.CancellationToken)) };

    public override async Task<Pb.GetMaterialResponse> GetMaterial(Pb.GetMaterialRequest request, ServerCallContext context)
    {
        var download = await workflow.GetMaterialAsync(request.RequestId, request.MaterialId, context.CancellationToken);
        return new() { Material = RequestMapping.ToWire(download.Material, download.Content) };
    }
}
