using Google.Protobuf;
using Grpc.Core;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>The Audit service: maps wire messages to the ledger, statistics and anomaly services.</summary>
internal sealed partial class AuditGrpcService : Wire.Audit.AuditBase
{
    public override async Task<Wire.GetTreeHeadResponse> GetTreeHead(Wire.GetTreeHeadRequest request, ServerCallContext context) =>
        new() { TreeHead = AuditMapping.ToWire(await ledger.LatestHeadAsync(context.CancellationToken)) };

    public override async Task<Wire.ListTreeHeadsResponse> ListTreeHeads(Wire.ListTreeHeadsRequest request, ServerCallContext context)
    {
        var paging = Common.Paging.Parse(request.Page?.PageSize ?? 0, request.Page?.PageToken);
        var page = await ledger.TreeHeadsAsync(request.MinTreeSize, paging, context.CancellationToken);
        var response = new Wire.ListTreeHeadsResponse { Page = new Wire.PageResponse { NextPageToken = page.NextPageToken, TotalCount = page.TotalCount } };
        response.TreeHeads.AddRange(page.Items.Select(AuditMapping.ToWire));
        return response;
    }

    public override async Task<Wire.SignTreeHeadResponse> SignTreeHead(Wire.SignTreeHeadRequest request, ServerCallContext context) =>
        new() { TreeHead = AuditMapping.ToWire(await ledger.SignAsync(context.CancellationToken)) };

    public override async Task<Wire.GetInclusionProofResponse> GetInclusionProof(Wire.GetInclusionProofRequest request, ServerCallContext context)
    {
        var path = await ledger.InclusionProofAsync(request.Index, request.TreeSize, context.CancellationToken);
        var response = new Wire.GetInclusionProofResponse();
        response.AuditPath.AddRange(path.Select(ByteString.CopyFrom));
        return response;
    }

    public override async Task<Wire.GetConsistencyProofResponse> GetConsistencyProof(Wire.GetConsistencyProofRequest request, ServerCallContext context)
    {
        var proof = await ledger.ConsistencyProofAsync(request.FirstSize, request.SecondSize, context.CancellationToken);
        var response = new Wire.GetConsistencyProofResponse();
        response.Proof.AddRange(proof.Select(ByteString.CopyFrom));
        return response;
    }

    public override async Task<Wire.GetEntriesResponse> GetEntries(Wire.GetEntriesRequest request, ServerCallContext context)
    {
        var entries = await ledger.EntriesAsync(request.Start, request.End, context.CancellationToken);
        var response = new Wire.GetEntriesResponse();
        response.Entries.AddRange(entries.Select(AuditMapping.ToWire));
        return response;
    }

    public override Task<Wire.GetLedgerPublicKeyResponse> GetLedgerPublicKey(Wire.GetLedgerPublicKeyRequest request, ServerCallContext context) =>
        Task.FromResult(new Wire.GetLedgerPublicKeyResponse
        {
            PublicKey = ByteString.CopyFrom(ledger.PublicKey.SubjectPublicKeyInfo),
            KeyId = ByteString.CopyFrom(ledger.PublicKey.KeyId),
        });
}
