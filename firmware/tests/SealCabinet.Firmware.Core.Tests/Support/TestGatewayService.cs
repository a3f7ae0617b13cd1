using System.Collections.Concurrent;
using System.Security.Cryptography;
using Grpc.Core;
using SealCabinet.Contracts.V1;

namespace SealCabinet.Firmware.Core.Tests.Support;

/// <summary>
/// A minimal DeviceGateway for the firmware tests, checking MACs with the BCL and Google.Protobuf, so the
/// firmware's own codec and crypto are verified by an independent implementation. The cloud issue replaces
/// it with the real service.
/// </summary>
internal sealed class TestGatewayService : DeviceGateway.DeviceGatewayBase
{
    public static ConcurrentDictionary<string, CloudDevice> Devices { get; } = new();

    public override Task<PushEventsResponse> PushEvents(PushEventsRequest request, ServerCallContext context)
    {
        CloudDevice device = Find(request.Batch?.DeviceId);
        device.CheckFailure();
        PushAck ack = device.Store(request.Batch!);
        ack.ServerTime = device.SignTime(request.Batch!.Nonce);
        return Task.FromResult(new PushEventsResponse { Ack = ack });
    }

    public override Task<FetchGrantsResponse> FetchGrants(FetchGrantsRequest request, ServerCallContext context)
    {
        GrantQuery query = GrantQuery.Parser.ParseFrom(request.Query);
        CloudDevice device = Find(query.DeviceId);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(device.EventKey, request.Query.Span), request.Mac.Span))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "bad query MAC"));
        }

        device.CheckFailure();
        FetchGrantsResponse response = device.Fetch(query);
        response.ServerTime = device.SignTime(query.Nonce);
        return Task.FromResult(response);
    }

    public override Task<PutEvidenceChunkResponse> PutEvidenceChunk(PutEvidenceChunkRequest request, ServerCallContext context)
    {
        EvidenceChunk chunk = EvidenceChunk.Parser.ParseFrom(request.Chunk.Chunk);
        CloudDevice device = Find(chunk.DeviceId);
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(device.EventKey, request.Chunk.Chunk.Span), request.Chunk.Mac.Span))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "bad chunk MAC"));
        }

        device.CheckFailure();
        return Task.FromResult(new PutEvidenceChunkResponse { Receipt = device.PutChunk(chunk) });
    }

    private static CloudDevice Find(string? deviceId) =>
        deviceId != null && Devices.TryGetValue(deviceId, out CloudDevice? device)
            ? device
            : throw new RpcException(new Status(StatusCode.NotFound, "unknown device 设备 " + deviceId));
}
