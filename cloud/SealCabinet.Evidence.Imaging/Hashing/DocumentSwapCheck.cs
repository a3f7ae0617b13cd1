namespace SealCabinet.Evidence.Imaging.Hashing;

/// <summary>
/// Decides whether the page photographed at stamping is the page that was approved, by the Hamming distance of
/// their perceptual hashes. The threshold is calibrated on a generated set (docs/supervision.md, "Document-swap check").
/// </summary>
public static class DocumentSwapCheck
{
    /// <summary>Distances above this many bits (of 64) mean "a different document".</summary>
    public const int Threshold = 8;

    /// <summary>True when the stamped page's hash is too far from the approved page's hash.</summary>
    public static bool IsSwapped(ulong approvedHash, ulong stampedHash, int threshold = Threshold) =>
        PerceptualHash.Distance(approvedHash, stampedHash) > threshold;
}
