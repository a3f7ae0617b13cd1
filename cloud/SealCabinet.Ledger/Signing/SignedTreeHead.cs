namespace SealCabinet.Ledger.Signing;

/// <summary>A tree head (size, root, time) with the ledger key's signature over its signing input.</summary>
/// <param name="TreeSize">Number of ledger entries covered.</param>
/// <param name="RootHash">RFC 6962 tree hash of those entries (32 bytes).</param>
/// <param name="TimestampMs">Signing time, Unix epoch milliseconds.</param>
/// <param name="Signature">DER ECDSA P-256 / SHA-256 signature over the signing input.</param>
/// <param name="KeyId">SHA-256 of the signing key's SubjectPublicKeyInfo.</param>
public sealed record SignedTreeHead(ulong TreeSize, byte[] RootHash, long TimestampMs, byte[] Signature, byte[] KeyId);
