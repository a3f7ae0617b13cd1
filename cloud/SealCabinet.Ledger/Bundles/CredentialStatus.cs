namespace SealCabinet.Ledger.Bundles;

/// <summary>How a <c>person.credential.registered</c> entry's endorsement stands (docs/supervision.md §11.7).</summary>
public enum CredentialStatus
{
    /// <summary>
    /// An administrator's passkey signed the endorsement and every check passed: the statement names this registration,
    /// the assertion verifies including rp id and origin, and the administrator's own credential was endorsed before
    /// and not revoked since, back to a root (which, when trusted roots were given, is one of them).
    /// </summary>
    Endorsed,

    /// <summary>
    /// Every check that could be made passed, but some could not: no relying-party id or allowed origins were given, or
    /// the chain of endorsements leaves the bundle before a root. The detail says which.
    /// </summary>
    NotFullyChecked,

    /// <summary>
    /// The entry carries no endorsement, or its chain of endorsements leads to one without: the key is the service's
    /// word only. A <see cref="BundleFailureKind.UnendorsedCredential"/> failure when signed approvals are required.
    /// </summary>
    Unendorsed,

    /// <summary>
    /// The endorsement does not hold (wrong statement, signature, revoked or unknown endorser, untrusted root); always a
    /// failure too. Decisions signed with the credential are invalid.
    /// </summary>
    Invalid,
}
