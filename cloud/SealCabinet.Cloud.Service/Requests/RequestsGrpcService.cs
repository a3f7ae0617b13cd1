using Grpc.Core;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Edge;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Sessions;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>The Requests RPCs.</summary>
internal sealed class RequestsGrpcService(
    RequestWorkflow workflow, RequestEvidence evidence, CallerAccessor callers, IOptions<SignInOptions> signIn) : Wire.Requests.RequestsBase
{
    private static readonly HashSet<PersonRole> Readers =
        [PersonRole.Custodian, PersonRole.Approver, PersonRole.Supervisor, PersonRole.Technician, PersonRole.Administrator];

    public override async Task<Wire.SubmitRequestResponse> SubmitRequest(Wire.SubmitRequestRequest request, ServerCallContext context)
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

    public override async Task<Wire.ApproveRequestResponse> ApproveRequest(Wire.ApproveRequestRequest request, ServerCallContext context)
    {
        var outcome = await workflow.ApproveAsync(callers.Caller, request.RequestId, request.Comment, Signature(request.Signature, context), context.CancellationToken);
        var response = new Wire.ApproveRequestResponse { Request = RequestMapping.ToWire(outcome.Request) };
        if (outcome.Grant is not null)
        {
            response.Grant = RequestMapping.ToWire(outcome.Grant);
        }

        return response;
    }

    public override async Task<Wire.RejectRequestResponse> RejectRequest(Wire.RejectRequestRequest request, ServerCallContext context)
    {
        var rejected = await workflow.RejectAsync(callers.Caller, request.RequestId, request.Comment, Signature(request.Signature, context), context.CancellationToken);
        return new() { Request = RequestMapping.ToWire(rejected) };
    }

    public override async Task<Wire.BeginDecisionSignatureResponse> BeginDecisionSignature(Wire.BeginDecisionSignatureRequest request, ServerCallContext context)
    {
        var approve = request.Decision switch
        {
            Wire.DecisionKind.Approve => true,
            Wire.DecisionKind.Reject => false,
            _ => throw CloudException.Invalid("decision", "is required (APPROVE or REJECT)"),
        };
        var (ceremony, statement, options) = await workflow.BeginDecisionSignatureAsync(
            callers.Caller, request.RequestId, approve, request.Comment, RelyingParty.For(signIn.Value, context.GetHttpContext().Request), context.CancellationToken);
        return new() { CeremonyId = ceremony.ToString("D"), Statement = Google.Protobuf.ByteString.CopyFrom(statement), OptionsJson = options };
    }

    public override async Task<Wire.CancelRequestResponse> CancelRequest(Wire.CancelRequestRequest request, ServerCallContext context) =>
        new() { Request = RequestMapping.ToWire(await workflow.CancelAsync(callers.Caller, request.RequestId, request.Reason, context.CancellationToken)) };

    public override async Task<Wire.GetRequestResponse> GetRequest(Wire.GetRequestRequest request, ServerCallContext context)
    {
        var found = await workflow.GetAsync(request.RequestId, context.CancellationToken);
        var wire = RequestMapping.ToWire(found);
        wire.Evidence.AddRange((await evidence.ListAsync(found.Id, context.CancellationToken)).Select(e => RequestMapping.ToWire(e, null)));
        return new() { Request = wire };
    }

    public override async Task<Wire.ListRequestsResponse> ListRequests(Wire.ListRequestsRequest request, ServerCallContext context)
    {
        var paging = Paging.Parse(request.Page?.PageSize ?? 0, request.Page?.PageToken);
        var filter = new RequestQuery(
            request.VillageId,
            request.TownId,
            [.. request.States.Select((s, i) => RequestMapping.FromWire(s, $"states[{i}]"))],
            WireSealKind.ToCodeOrNull(request.SealKind, "seal_kind"),
            WireTime.Optional(request.SubmittedAfter, "submitted_after"),
            WireTime.Optional(request.SubmittedBefore, "submitted_before"),
            string.IsNullOrEmpty(request.CustodianId) ? null : Identifiers.RequirePersonId(request.CustodianId, "custodian_id"));
        var page = await workflow.ListAsync(callers.Caller.VisibleScope(Readers), filter, paging, context.CancellationToken);
        var response = new Wire.ListRequestsResponse { Page = new Wire.PageResponse { NextPageToken = page.NextPageToken, TotalCount = page.TotalCount } };
        response.Requests.AddRange(page.Items.Select(RequestMapping.ToWire));
        return response;
    }

    public override async Task<Wire.ReissueGrantResponse> ReissueGrant(Wire.ReissueGrantRequest request, ServerCallContext context) =>
        new() { Grant = RequestMapping.ToWire(await workflow.ReissueAsync(callers.Caller, request.RequestId, context.CancellationToken)) };

    public override async Task<Wire.GetMaterialResponse> GetMaterial(Wire.GetMaterialRequest request, ServerCallContext context)
    {
        var download = await workflow.GetMaterialAsync(request.RequestId, request.MaterialId, context.CancellationToken);
        return new() { Material = RequestMapping.ToWire(download.Material, download.Content) };
    }

    public override async Task<Wire.GetEvidenceResponse> GetEvidence(Wire.GetEvidenceRequest request, ServerCallContext context)
    {
        var (item, content) = await evidence.GetAsync(request.RequestId, request.EvidenceId, context.CancellationToken);
        return new() { Evidence = RequestMapping.ToWire(item, content) };
    }

    /// <summary>The signature of a decision, with the relying party of this call; none when the request carries none.</summary>
    private DecisionSignatureInput? Signature(Wire.DecisionSignature? signature, ServerCallContext context) =>
        signature is null ? null : new DecisionSignatureInput(signature.CeremonyId, signature.CredentialJson, RelyingParty.For(signIn.Value, context.GetHttpContext().Request));
}
