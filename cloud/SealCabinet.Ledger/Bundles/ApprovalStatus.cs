namespace SealCabinet.Ledger.Bundles;

/// <summary>How a <c>request.approved</c> or <c>request.rejected</c> entry's signature stands.</summary>
public enum ApprovalStatus
{
    /// <summary>
    /// Signed, and every check passed: the credential was registered earlier in the ledger to the approver and not
    /// revoked since, the statement is this decision, and the assertion verifies including rp id and origin.
    /// </summary>
    Valid,

    /// <summary>
    /// Signed, and every check that could be made passed, but some could not be made: no relying-party id or allowed
    /// origins were given, or the credential's registration lies before the bundle's first entry. The detail says which.
    /// </summary>
    NotFullyChecked,

    /// <summary>Signed, but a check failed; the detail gives the reason. Always a <see cref="BundleFailureKind.InvalidApprovalSignature"/> failure too.</summary>
    Invalid,

    /// <summary>The entry carries no signature: the decision is the service's word only.</summary>
    Unsigned,
}
