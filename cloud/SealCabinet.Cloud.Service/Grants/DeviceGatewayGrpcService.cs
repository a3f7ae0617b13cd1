using Google.Protobuf;
using Grpc.Core;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Devices;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Grants;

/// <summary>
/// The device-facing service. This issue serves FetchGrants; the ingestion RPCs (events, evidence) come with
/// the next one and until then answer Unimplemented from the generated base class.
/// </summary>
internal sealed class DeviceGatewayGrpcService(DeviceAuthenticator authenticator, GrantDelivery delivery, TimeProvider clock)
    : Wire.DeviceGateway.DeviceGatewayBase
{
    private const int NonceLength = 16;

    public override async Task<Wire.FetchGrantsResponse> FetchGrants(Wire.FetchGrantsRequest request, ServerCallContext context)
    {
        if (request.Query.IsEmpty)
        {
            throw CloudException.Invalid("query", "is required");
        }

        if (request.Mac.Length != 32)
        {
            throw CloudException.Invalid("mac", $"must be 32 bytes, was {request.Mac.Length}");
        }

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

        if (query.Nonce.Length != NonceLength)
        {
            throw CloudException.Invalid("query.nonce", $"must be {NonceLength} bytes, was {query.Nonce.Length}");
        }

        if (query.AfterCounter > long.MaxValue)
        {
            throw CloudException.Invalid("query.after_counter", "is out of range");
        }

        var keyring = await authenticator.AuthenticateAsync(query.DeviceId, request.Query.Memory, request.Mac.Memory, context.CancellationToken);
        var grants = await delivery.FetchLiveAsync(keyring.DeviceId, (long)query.AfterCounter, context.CancellationToken);
        var response = new Wire.FetchGrantsResponse { ServerTime = SignTime(keyring, query.Nonce) };
        response.Grants.AddRange(grants.Select(g => new Wire.SignedGrant { Grant = ByteString.CopyFrom(g.Payload), Mac = ByteString.CopyFrom(g.Mac) }));
        return response;
    }

    private Wire.SignedServerTime SignTime(DeviceKeyring keyring, ByteString nonce)
    {
        var time = new Wire.ServerTime
        {
            DeviceId = keyring.DeviceId,
            ServerTimeMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Nonce = nonce,
        }.ToByteArray();
        return new Wire.SignedServerTime { Time = ByteString.CopyFrom(time), Mac = ByteString.CopyFrom(DeviceKeys.Mac(keyring.TimeKey, time)) };
    }
}
