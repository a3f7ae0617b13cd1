using Google.Protobuf;
using SealCabinet.Cloud.Service.Crypto;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>The MAC'd server time of docs/device-protocol.md ("Trusted time"): server time, device id and the request's nonce.</summary>
internal static class ServerTimeSigner
{
    public const int NonceLength = 16;

    public static Wire.SignedServerTime Sign(string deviceId, ReadOnlySpan<byte> timeKey, ByteString nonce, DateTimeOffset now)
    {
        var time = new Wire.ServerTime
        {
            DeviceId = deviceId,
            ServerTimeMs = now.ToUnixTimeMilliseconds(),
            Nonce = nonce,
        }.ToByteArray();
        return new Wire.SignedServerTime { Time = ByteString.CopyFrom(time), Mac = ByteString.CopyFrom(DeviceKeys.Mac(timeKey, time)) };
    }
}
