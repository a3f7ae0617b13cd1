namespace SealCabinet.Ledger.Bundles;

/// <summary>A consistency proof between two tree sizes.</summary>
/// <param name="FirstSize">Older tree size.</param>
/// <param name="SecondSize">Newer tree size.</param>
/// <param name="Proof">RFC 6962 §2.1.2 proof nodes.</param>
public sealed record BundleConsistencyProof(ulong FirstSize, ulong SecondSize, IReadOnlyList<byte[]> Proof);
