namespace SealCabinet.Ledger.Bundles;

/// <summary>What the approvals check found for one <c>request.approved</c> or <c>request.rejected</c> entry.</summary>
/// <param name="EntryIndex">The decision's ledger index.</param>
/// <param name="Kind">The entry kind: request.approved or request.rejected.</param>
/// <param name="RequestId">The entry's request_id.</param>
/// <param name="ApproverId">The entry's approver_id.</param>
/// <param name="Status">How the signature stands.</param>
/// <param name="Detail">For a person: which credential signed it, which checks were not made, or why it is invalid.</param>
/// <param name="CredentialId">The signing credential id (base64), empty when unsigned.</param>
/// <param name="CredentialEntryIndex">The index of the credential's registration, when it was found in the bundle.</param>
/// <param name="StatementSha256">SHA-256 of the signed statement (hex), empty when unsigned.</param>
/// <param name="SignCount">The authenticator's counter in the assertion (0 when unsigned or unreadable).</param>
public sealed record ApprovalFinding(
    ulong EntryIndex,
    string Kind,
    string RequestId,
    string ApproverId,
    ApprovalStatus Status,
    string Detail,
    string CredentialId,
    ulong? CredentialEntryIndex,
    string StatementSha256,
    uint SignCount)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} at entry {EntryIndex} (request {RequestId}, approver {ApproverId}): {Status}: {Detail}";
}
