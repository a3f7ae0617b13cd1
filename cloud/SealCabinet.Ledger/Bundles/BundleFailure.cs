namespace SealCabinet.Ledger.Bundles;

/// <summary>One verification failure.</summary>
/// <param name="Kind">What failed.</param>
/// <param name="EntryIndex">The ledger entry concerned, when the failure is about one entry.</param>
/// <param name="Message">Human-readable detail.</param>
public sealed record BundleFailure(BundleFailureKind Kind, ulong? EntryIndex, string Message)
{
    /// <inheritdoc />
    public override string ToString() => EntryIndex is { } index ? $"{Kind} at entry {index}: {Message}" : $"{Kind}: {Message}";
}
