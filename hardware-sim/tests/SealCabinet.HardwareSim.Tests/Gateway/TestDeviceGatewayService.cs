using Grpc.Core;
using SealCabinet.Contracts.V1;

namespace SealCabinet.HardwareSim.Tests.Gateway;

/// <summary>A minimal DeviceGateway with the cloud's rules for MACs, chain and trusted time; enough to drive a cabinet.</summary>
internal sealed class TestDeviceGatewayService(TestGatewayHost host) : DeviceGateway.DeviceGatewayBase
{
    public override Task<PushEventsResponse> PushEvents(PushEventsRequest request, ServerCallContext context)
    {
        var device = Device(request.Batch.DeviceId);
        return Task.FromResult(new PushEventsResponse { Ack = device.Store(request.Batch) });
    }

    public override Task<FetchGrantsResponse> FetchGrants(FetchGrantsRequest request, ServerCallContext context)
    {
        var query = GrantQuery.Parser.ParseFrom(request.Query);
        var device = Device(query.DeviceId);
        if (!TestKeys.Verify(device.Keys.Event, request.Query.ToByteArray(), request.Mac.ToByteArray()))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "grant query MAC does not verify"));
        }

        var response = new FetchGrantsResponse { ServerTime = device.ServerTime(query.Nonce) };
        response.Grants.AddRange(device.LiveGrantsAfter(query.AfterCounter));
        if (CustodianRoster.Parser.ParseFrom(device.Roster.Roster).Version > query.RosterVersion)
        {
            response.Roster = device.Roster;
        }

        return Task.FromResult(response);
    }

    public override Task<PutEvidenceChunkResponse> PutEvidenceChunk(PutEvidenceChunkRequest request, ServerCallContext context)
    {
        var chunk = EvidenceChunk.Parser.ParseFrom(request.Chunk.Chunk);
        var device = Device(chunk.DeviceId);
        if (!TestKeys.Verify(device.Keys.Event, request.Chunk.Chunk.ToByteArray(), request.Chunk.Mac.ToByteArray()))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "evidence chunk MAC does not verify"));
        }

        return Task.FromResult(new PutEvidenceChunkResponse { Receipt = device.PutChunk(chunk) });
    }

    private GatewayDevice Device(string deviceId) =>
        host.Find(deviceId) ?? throw new RpcException(new Status(StatusCode.NotFound, $"unknown device {deviceId}"));
}
