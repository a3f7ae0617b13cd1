using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Ledger.Signing;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Domain ↔ wire for the Audit service.</summary>
internal static class AuditMapping
{
    public static Wire.SignedTreeHead ToWire(SignedTreeHead head) => new()
    {
        TreeSize = head.TreeSize,
        RootHash = ByteString.CopyFrom(head.RootHash),
        TimestampMs = head.TimestampMs,
        Signature = ByteString.CopyFrom(head.Signature),
        KeyId = ByteString.CopyFrom(head.KeyId),
    };

    public static Wire.LedgerEntry ToWire(LedgerEntry entry) => new()
    {
        Index = (ulong)entry.Index,
        Kind = entry.Kind,
        Record = ByteString.CopyFrom(entry.Record),
        AppendedMs = entry.AppendedAt.ToUnixTimeMilliseconds(),
        LeafHash = ByteString.CopyFrom(entry.LeafHash),
    };

    public static Wire.LatencySummary ToWire(LatencyFigures f) =>
        new() { Count = f.Count, AverageSeconds = f.Average, MedianSeconds = f.Median, P90Seconds = f.P90 };

    public static Wire.StampingCount ToWire((string Key, long Stampings, long Presses) c) =>
        new() { Key = c.Key, Stampings = c.Stampings, Presses = c.Presses };

    public static Wire.Anomaly ToWire(Anomaly a)
    {
        var wire = new Wire.Anomaly
        {
            AnomalyId = a.Id.ToString("D"),
            Rule = a.Rule,
            VillageId = a.VillageId,
            DeviceId = a.DeviceId ?? "",
            RequestId = a.RequestId?.ToString("D") ?? "",
            Summary = a.Summary,
            Status = a.Status switch
            {
                AnomalyStatus.Open => Wire.AnomalyStatus.Open,
                AnomalyStatus.Acknowledged => Wire.AnomalyStatus.Acknowledged,
                _ => Wire.AnomalyStatus.Resolved,
            },
            Note = a.Note,
            DetectedTime = Timestamp.FromDateTimeOffset(a.DetectedAt),
        };
        wire.LedgerIndexes.AddRange(a.Evidence.Select(i => (ulong)i));
        return wire;
    }

    public static AnomalyStatus FromWire(Wire.AnomalyStatus status, string field) => status switch
    {
        Wire.AnomalyStatus.Open => AnomalyStatus.Open,
        Wire.AnomalyStatus.Acknowledged => AnomalyStatus.Acknowledged,
        Wire.AnomalyStatus.Resolved => AnomalyStatus.Resolved,
        _ => throw CloudException.Invalid(field, $"'{status}' is not an anomaly status"),
    };
}
