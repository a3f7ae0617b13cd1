namespace SealCabinet.Ledger.Bundles;

/// <summary>One ledger entry in an audit bundle with its inclusion proof against the bundle's latest tree head.</summary>
/// <param name="Index">Zero-based ledger index.</param>
/// <param name="Kind">Entry kind.</param>
/// <param name="Record">Canonical record bytes.</param>
/// <param name="AppendedMs">When appended, Unix epoch milliseconds (not covered by any hash).</param>
/// <param name="LeafHash">The leaf hash the ledger holds for this index (32 bytes).</param>
/// <param name="InclusionProof">Audit path from the leaf to the latest root.</param>
public sealed record BundleEntry(ulong Index, string Kind, byte[] Record, long AppendedMs, byte[] LeafHash, IReadOnlyList<byte[]> InclusionProof);
