using Google.Protobuf;
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
}
