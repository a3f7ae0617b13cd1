using System.Globalization;
using SealCabinet.Ledger.Bundles;

namespace SealCabinet.Cloud.Tool.Supervision;

/// <summary>What <c>sealctl audit verify</c> prints for a verification: notes, passkeys, approvals, grants, failures and the verdict.</summary>
internal static class VerificationReport
{
    /// <summary>The lines, in the order printed.</summary>
    public static IReadOnlyList<string> Lines(BundleVerificationResult result)
    {
        var lines = new List<string>();
        lines.AddRange(result.Notes.Select(note => "note: " + note));
        foreach (var credential in result.Credentials)
        {
            lines.Add(Invariant(
                $"passkey entry {credential.EntryIndex}: person {credential.PersonId}, credential {ShortCredentialId(credential.CredentialId)}{(credential.IsRoot ? ", ROOT" : "")}, fingerprint {credential.Fingerprint}: {Name(credential.Status)}: {credential.Detail}"));
        }

        foreach (var approval in result.Approvals)
        {
            var credential = approval.CredentialId.Length == 0 ? "no credential" : "credential " + ShortCredentialId(approval.CredentialId);
            lines.Add(Invariant(
                $"approval entry {approval.EntryIndex}: {approval.Kind}, request {approval.RequestId}, approver {approval.ApproverId}: {Name(approval.Status)}, {credential}: {approval.Detail}"));
        }

        foreach (var grant in result.Grants.Where(g => g.Status != GrantApprovalStatus.SignedApproval))
        {
            lines.Add(Invariant($"grant entry {grant.EntryIndex}: request {grant.RequestId}: {Name(grant.Status)}: {grant.Detail}"));
        }

        foreach (var stamping in result.Stampings.Where(s => s.Status != GrantApprovalStatus.SignedApproval))
        {
            lines.Add(Invariant($"stamping entry {stamping.EntryIndex}: cabinet {stamping.DeviceId}, grant {stamping.GrantCounter}: {Name(stamping.Status)}: {stamping.Detail}"));
        }

        if (result.Credentials.Count > 0)
        {
            var counts = string.Join(", ", Enum.GetValues<CredentialStatus>().Select(s => Invariant($"{result.Credentials.Count(c => c.Status == s)} {Name(s)}")));
            lines.Add(Invariant($"passkeys: {counts}; roots: {result.Credentials.Count(c => c.IsRoot)}"));
        }

        if (result.Approvals.Count > 0 || result.Grants.Count > 0)
        {
            var counts = string.Join(", ", Enum.GetValues<ApprovalStatus>().Select(s => Invariant($"{result.Approvals.Count(a => a.Status == s)} {Name(s)}")));
            var signed = result.Grants.Count(g => g.Status == GrantApprovalStatus.SignedApproval);
            var signedStampings = result.Stampings.Count(s => s.Status == GrantApprovalStatus.SignedApproval);
            lines.Add(Invariant(
                $"approvals: {counts}; grants: {signed} of {result.Grants.Count} backed by a valid signed approval; stampings: {signedStampings} of {result.Stampings.Count}"));
        }

        lines.AddRange(result.Failures.Select(failure => "FAILED " + failure));
        lines.Add(result.IsValid
            ? Invariant($"OK: {result.EntriesProven} entries proven under the head of size {result.VerifiedTreeHead?.TreeSize}, {result.RecordsCompared} stored rows compared")
            : Invariant($"VERIFICATION FAILED: {result.Failures.Count} failure(s); entries named: {string.Join(", ", result.FailedEntryIndexes)}"));
        return lines;
    }

    /// <summary>The first 8 characters of the base64 credential id as the ledger writes it, enough to tell a person's passkeys apart.</summary>
    public static string ShortCredentialId(string base64) => base64.Length <= 8 ? base64 : base64[..8] + "…";

    private static string Name(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Valid => "valid",
        ApprovalStatus.NotFullyChecked => "not fully checked",
        ApprovalStatus.Invalid => "INVALID",
        ApprovalStatus.Unsigned => "unsigned",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static string Name(CredentialStatus status) => status switch
    {
        CredentialStatus.Endorsed => "endorsed",
        CredentialStatus.NotFullyChecked => "not fully checked",
        CredentialStatus.Unendorsed => "UNENDORSED",
        CredentialStatus.Invalid => "INVALID",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static string Name(GrantApprovalStatus status) =>
        status == GrantApprovalStatus.ApprovalNotFullyChecked ? "approval not fully checked" : "no signed approval";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
