using SealCabinet.Ledger.Signing;

namespace SealCabinet.Ledger.Bundles;

/// <summary>The outcome of <see cref="BundleVerifier"/>'s Verify: every failure found, plus notes that are not failures.</summary>
public sealed class BundleVerificationResult
{
    /// <summary>True when nothing failed.</summary>
    public bool IsValid => Failures.Count == 0;

    /// <summary>Every failure, in the order found.</summary>
    public required IReadOnlyList<BundleFailure> Failures { get; init; }

    /// <summary>Observations that are not failures (e.g. rows newer than the latest signed head).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The latest tree head, when its signature verified.</summary>
    public SignedTreeHead? VerifiedTreeHead { get; init; }

    /// <summary>Number of entries whose inclusion in the verified tree head was proven.</summary>
    public int EntriesProven { get; init; }

    /// <summary>Number of stored rows that were compared with the ledger's leaves.</summary>
    public int RecordsCompared { get; init; }

    /// <summary>Every <c>person.credential.registered</c> entry proven in the bundle, in index order, with how its endorsement stands.</summary>
    public IReadOnlyList<CredentialFinding> Credentials { get; init; } = [];

    /// <summary>Every <c>request.approved</c> and <c>request.rejected</c> entry proven in the bundle, in index order, with how its signature stands.</summary>
    public IReadOnlyList<ApprovalFinding> Approvals { get; init; } = [];

    /// <summary>Every <c>grant.issued</c> entry proven in the bundle, in index order, with whether a signed approval backs it.</summary>
    public IReadOnlyList<GrantFinding> Grants { get; init; } = [];

    /// <summary>Every stamping (SLEEVE_UNLOCKED) in the bundle's device events, in index order, with whether its grant has a signed approval.</summary>
    public IReadOnlyList<StampingFinding> Stampings { get; init; } = [];

    /// <summary>Indexes of the entries named in failures, ascending, without repeats.</summary>
    public IReadOnlyList<ulong> FailedEntryIndexes =>
        Failures.Where(f => f.EntryIndex.HasValue).Select(f => f.EntryIndex!.Value).Distinct().Order().ToList();
}
