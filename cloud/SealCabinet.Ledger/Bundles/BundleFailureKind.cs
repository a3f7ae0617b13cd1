namespace SealCabinet.Ledger.Bundles;

/// <summary>What went wrong in an audit bundle check.</summary>
public enum BundleFailureKind
{
    /// <summary>The bundle's public key is not the key the supervisor trusts.</summary>
    KeyMismatch,

    /// <summary>A tree head's signature or key id does not verify (forged or altered head).</summary>
    BadSignature,

    /// <summary>Tree heads are out of order, or the ledger is smaller than a head seen before (rollback, truncation).</summary>
    Rollback,

    /// <summary>A consistency proof is missing or does not verify (history rewritten).</summary>
    ConsistencyFailure,

    /// <summary>An entry's leaf is not in the tree at its index (bad or missing inclusion proof).</summary>
    InclusionFailure,

    /// <summary>A record's bytes do not hash to the leaf the ledger holds for its index (row changed).</summary>
    RecordMismatch,

    /// <summary>A record is not canonical, violates its kind's schema, or its kind column disagrees with it.</summary>
    MalformedRecord,

    /// <summary>An entry the signed tree head covers is absent (row deleted, bundle truncated).</summary>
    MissingEntry,

    /// <summary>An entry that should not be there (duplicate index, index outside the signed tree).</summary>
    ExtraEntry,

    /// <summary>
    /// A signed approval or rejection does not hold: its credential was never registered to the approver, was revoked
    /// before, its statement is not this decision, or the WebAuthn assertion does not verify (docs/supervision.md §11).
    /// </summary>
    InvalidApprovalSignature,

    /// <summary>An approval or rejection carries no signature, and the verifier was asked to require signatures.</summary>
    UnsignedApproval,

    /// <summary>A grant has no signed approval of its request before it, and the verifier was asked to require signatures.</summary>
    GrantWithoutSignedApproval,

    /// <summary>
    /// A grant's <c>approval_sha256</c> is not SHA-256 of the concatenated statement digests of its request's signed
    /// approvals before it: the grant does not come from the approvals the ledger holds.
    /// </summary>
    GrantApprovalDigestMismatch,

    /// <summary>
    /// A cabinet accepted a grant with another approval digest than the grant the ledger holds, or unlocked a sleeve for a
    /// grant without a signed approval (the latter only when the verifier was asked to require signatures).
    /// </summary>
    StampingWithoutSignedApproval,

    /// <summary>
    /// A passkey registration's endorsement does not hold: its statement is not about this registration, the
    /// administrator's assertion does not verify, or the administrator's own credential was unknown, revoked or not
    /// validly endorsed at the time (docs/supervision.md §11.7).
    /// </summary>
    InvalidCredentialEndorsement,

    /// <summary>
    /// A root registration (a passkey that endorsed itself) whose fingerprint is not among the trusted roots the
    /// verifier was given.
    /// </summary>
    UntrustedRootCredential,

    /// <summary>A passkey registration carries no administrator's endorsement, and the verifier was asked to require signatures.</summary>
    UnendorsedCredential,
}
