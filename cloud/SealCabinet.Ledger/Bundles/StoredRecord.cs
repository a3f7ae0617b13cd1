namespace SealCabinet.Ledger.Bundles;

/// <summary>A ledger row as stored: its index, kind, canonical record bytes and append time.</summary>
/// <param name="Index">Zero-based ledger index.</param>
/// <param name="Kind">Entry kind (must equal the record's "kind").</param>
/// <param name="Record">Canonical record bytes (the leaf input).</param>
/// <param name="AppendedMs">When appended, Unix epoch milliseconds (informational; not covered by the leaf hash).</param>
public sealed record StoredRecord(ulong Index, string Kind, byte[] Record, long AppendedMs);
