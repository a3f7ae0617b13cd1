using System.Security.Cryptography;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Bench;

/// <summary>One device_events row as the pipeline would store it, prepared outside the measurement.</summary>
internal sealed record BenchRow(string DeviceId, long Seq, int EventType, long UptimeMs, DateTime? DeviceTime, byte[] EventBytes, byte[] Mac, byte[] Hash, string Detail)
{
    public static IEnumerable<BenchRow> From(BenchCabinet cabinet, int batches) =>
        cabinet.Batches.Take(batches).SelectMany(b => b.Events).Select(signed =>
        {
            var bytes = signed.Event.ToByteArray();
            var e = Wire.DeviceEvent.Parser.ParseFrom(bytes);
            return new BenchRow(
                cabinet.DeviceId, (long)e.Seq, (int)e.Type, (long)e.UptimeMs,
                e.DeviceTimeMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(e.DeviceTimeMs).UtcDateTime,
                bytes, signed.Mac.ToByteArray(), SHA256.HashData(bytes), e.Detail);
        });
}
