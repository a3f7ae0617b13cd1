namespace SealCabinet.Ledger.Bundles;

/// <summary>Whether a <c>grant.issued</c> entry is backed by a signed approval earlier in the bundle.</summary>
public enum GrantApprovalStatus
{
    /// <summary>An earlier <c>request.approved</c> of the same request has a <see cref="ApprovalStatus.Valid"/> signature.</summary>
    SignedApproval,

    /// <summary>The best earlier approval of the request is <see cref="ApprovalStatus.NotFullyChecked"/>.</summary>
    ApprovalNotFullyChecked,

    /// <summary>No earlier approval of the request in the bundle has a signature that verifies.</summary>
    NoSignedApproval,
}
