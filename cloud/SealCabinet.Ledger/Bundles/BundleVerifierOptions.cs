using SealCabinet.Ledger.Signing;

namespace SealCabinet.Ledger.Bundles;

/// <summary>What <see cref="BundleVerifier.Verify(AuditBundle, LedgerPublicKey, BundleVerifierOptions)"/> checks besides the bundle itself.</summary>
public sealed class BundleVerifierOptions
{
    /// <summary>A head the supervisor saved earlier; the latest head must extend it.</summary>
    public SignedTreeHead? SavedTreeHead { get; init; }

    /// <summary>The ledger rows as stored now, in any order; each must still hash to its proven leaf.</summary>
    public IEnumerable<StoredRecord>? RecordSource { get; init; }

    /// <summary>
    /// The WebAuthn relying-party id the approvals were signed for (e.g. "seal.example"). Without it the rpIdHash of
    /// signed approvals is not checked, and those approvals are reported as <see cref="ApprovalStatus.NotFullyChecked"/>.
    /// </summary>
    public string? RelyingPartyId { get; init; }

    /// <summary>
    /// The origins the console is served from (exact strings, e.g. "https://seal.example"). Without any the origin of
    /// signed approvals is not checked, and those approvals are reported as <see cref="ApprovalStatus.NotFullyChecked"/>.
    /// </summary>
    public IReadOnlyCollection<string>? AllowedOrigins { get; init; }

    /// <summary>Whether a signed approval needs the authenticator's user-verification flag (default true).</summary>
    public bool RequireUserVerification { get; init; } = true;

    /// <summary>
    /// When true, an unsigned approval or rejection and a grant without a signed approval are failures
    /// (<see cref="BundleFailureKind.UnsignedApproval"/>, <see cref="BundleFailureKind.GrantWithoutSignedApproval"/>);
    /// otherwise they are only reported in <see cref="BundleVerificationResult.Approvals"/> and
    /// <see cref="BundleVerificationResult.Grants"/>, so that ledgers written before approvals were signed still verify.
    /// </summary>
    public bool RequireSignedApprovals { get; init; }

    /// <summary>
    /// Fingerprints (<see cref="Approvals.CredentialEndorsements.Fingerprint"/>, hex) of the root passkeys the supervisor
    /// trusts, learned out of band (e.g. the county's published list). When given, a root registration not among them is
    /// an <see cref="BundleFailureKind.UntrustedRootCredential"/> failure; without any, every root is only reported.
    /// </summary>
    public IReadOnlyCollection<string>? TrustedRoots { get; init; }
}
