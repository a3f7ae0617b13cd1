using Google.Protobuf;
using Grpc.Core;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Grants;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Rosters;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>
/// The device-facing service: event ingestion (PushEvents and StreamEvents share Ingestion/IngestionPipeline),
/// evidence upload (PutEvidenceChunk and UploadEvidence share Evidence/EvidenceService) and FetchGrants.
/// </summary>
internal sealed class DeviceGatewayGrpcService(
    DeviceAuthenticator authenticator,
    GrantDelivery delivery,
    GrantWithdrawals withdrawals,
    RosterDelivery rosters,
    IngestionPipeline pipeline,
    EvidenceService evidence,
    TimeProvider clock,
    ILogger<DeviceGatewayGrpcService> logger)
    : Wire.DeviceGateway.DeviceGatewayBase
{
    public override async Task<Wire.PushEventsResponse> PushEvents(Wire.PushEventsRequest request, ServerCallContext context)
    {
        try
        {
            var outcome = await pipeline.IngestAsync(request.Batch, context.CancellationToken);
            return new Wire.PushEventsResponse { Ack = outcome.Ack };
        }
        catch (BatchRefusedException e)
        {
            throw new CloudException(e.Kind, e.Message);
        }
    }

    /// <summary>
    /// One ack per batch, in order. A batch refused as a whole is answered with an ack naming the reason
    /// (no server time, nothing stored) and the stream goes on, so one bad cabinet behind a gateway does
    /// not stop the others.
    /// </summary>
    public override async Task StreamEvents(
        IAsyncStreamReader<Wire.StreamEventsRequest> requestStream, IServerStreamWriter<Wire.StreamEventsResponse> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        await foreach (var request in requestStream.ReadAllAsync(ct))
        {
            Wire.PushAck ack;
            try
            {
                ack = (await pipeline.IngestAsync(request.Batch, ct)).Ack;
            }
            catch (BatchRefusedException e)
            {
                logger.LogInformation("Stream batch refused with {Reason}: {Message}", e.Reason, e.Message);
                ack = new Wire.PushAck { Rejection = e.Reason };
            }

            await responseStream.WriteAsync(new Wire.StreamEventsResponse { Ack = ack }, ct);
        }
    }

    public override async Task<Wire.PutEvidenceChunkResponse> PutEvidenceChunk(Wire.PutEvidenceChunkRequest request, ServerCallContext context) =>
        new() { Receipt = await evidence.PutAsync(request.Chunk, context.CancellationToken) };

    /// <summary>Chunks of one or more objects; the answer holds each object's latest receipt, in first-seen order.</summary>
    public override async Task<Wire.UploadEvidenceResponse> UploadEvidence(IAsyncStreamReader<Wire.UploadEvidenceRequest> requestStream, ServerCallContext context)
    {
        var receipts = new List<Wire.EvidenceReceipt>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var receipt = await evidence.PutAsync(request.Chunk, context.CancellationToken);
            var index = receipts.FindIndex(r => r.EvidenceId == receipt.EvidenceId);
            if (index >= 0)
            {
                receipts[index] = receipt;
            }
            else
            {
                receipts.Add(receipt);
            }
        }

        var response = new Wire.UploadEvidenceResponse();
        response.Receipts.AddRange(receipts);
        return response;
    }

    public override async Task<Wire.FetchGrantsResponse> FetchGrants(Wire.FetchGrantsRequest request, ServerCallContext context)
    {
        if (request.Query.IsEmpty)
        {
            throw CloudException.Invalid("query", "is required");
        }

        // A MAC of the wrong length is refused like a wrong one (UNAUTHENTICATED, by the authenticator), as on every
        // device RPC: an unauthenticated caller learns nothing more than "not authenticated".
        Wire.GrantQuery query;
        try
        {
            query = Wire.GrantQuery.Parser.ParseFrom(request.Query);
        }
        catch (InvalidProtocolBufferException)
        {
            throw CloudException.Invalid("query", "is not an encoded GrantQuery");
        }

        if (string.IsNullOrEmpty(query.DeviceId))
        {
            throw CloudException.Invalid("query.device_id", "is required");
        }

        if (query.Nonce.Length != ServerTimeSigner.NonceLength)
        {
            throw CloudException.Invalid("query.nonce", $"must be {ServerTimeSigner.NonceLength} bytes, was {query.Nonce.Length}");
        }

        if (query.AfterCounter > long.MaxValue)
        {
            throw CloudException.Invalid("query.after_counter", "is out of range");
        }

        var keyring = await authenticator.AuthenticateAsync(query.DeviceId, request.Query.Memory, request.Mac.Memory, context.CancellationToken);
        var ct = context.CancellationToken;
        var grants = await delivery.FetchLiveAsync(keyring.DeviceId, (long)query.AfterCounter, ct);
        var withdrawn = await withdrawals.LiveAsync(keyring.DeviceId, keyring.WithdrawalKey, clock.GetUtcNow(), ct);
        var roster = await rosters.ForQueryAsync(keyring.DeviceId, query.RosterVersion, keyring.RosterKey, ct);
        var response = new Wire.FetchGrantsResponse
        {
            ServerTime = ServerTimeSigner.Sign(keyring.DeviceId, keyring.TimeKey, query.Nonce, clock.GetUtcNow()),
            Roster = roster is null ? null : new Wire.SignedRoster { Roster = ByteString.CopyFrom(roster.Payload), Mac = ByteString.CopyFrom(roster.Mac) },
        };
        response.Grants.AddRange(grants.Select(g => new Wire.SignedGrant { Grant = ByteString.CopyFrom(g.Payload), Mac = ByteString.CopyFrom(g.Mac) }));
        response.Withdrawals.AddRange(withdrawn.Select(w => new Wire.SignedWithdrawal { Withdrawal = ByteString.CopyFrom(w.Payload), Mac = ByteString.CopyFrom(w.Mac) }));
        return response;
    }
}
