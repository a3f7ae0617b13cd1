namespace SealCabinet.Ledger.Bundles;

/// <summary>What the approvals check found for one <c>grant.issued</c> entry.</summary>
/// <param name="EntryIndex">The grant's ledger index.</param>
/// <param name="RequestId">The grant's request_id.</param>
/// <param name="Status">Whether a signed approval backs it.</param>
/// <param name="ApprovalEntryIndex">The index of the approval that backs it, when there is one.</param>
/// <param name="Detail">For a person.</param>
public sealed record GrantFinding(ulong EntryIndex, string RequestId, GrantApprovalStatus Status, ulong? ApprovalEntryIndex, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"grant.issued at entry {EntryIndex} (request {RequestId}): {Status}: {Detail}";
}
