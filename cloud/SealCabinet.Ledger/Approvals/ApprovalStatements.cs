using System.Security.Cryptography;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Ledger.Approvals;

/// <summary>
/// The approval statement an approver's passkey signs (docs/supervision.md §11): a canonical record of kind
/// <see cref="LedgerRecordKinds.ApprovalStatement"/> naming the request, what it stamps and the decision. The
/// WebAuthn challenge is <see cref="Challenge"/> of its bytes, so the assertion commits to every field.
/// </summary>
public static class ApprovalStatements
{
    /// <summary>The <c>decision</c> of an approval.</summary>
    public const string Approve = "approve";

    /// <summary>The <c>decision</c> of a rejection.</summary>
    public const string Reject = "reject";

    /// <summary>Length of the server nonce in bytes.</summary>
    public const int NonceLength = 16;

    /// <summary>
    /// Builds the canonical statement. <paramref name="materialSha256"/> are the SHA-256 digests (32 bytes each) of
    /// the request's materials in the request's order; <paramref name="decision"/> is <see cref="Approve"/> or
    /// <see cref="Reject"/>; <paramref name="reason"/> may be empty; <paramref name="nonce"/> is the server's fresh
    /// <see cref="NonceLength"/>-byte nonce. Throws <see cref="ArgumentException"/> naming what is wrong.
    /// </summary>
    public static LedgerRecord Create(
        string requestId,
        string villageId,
        string matter,
        string sealKind,
        long copies,
        IReadOnlyList<byte[]> materialSha256,
        string decision,
        string reason,
        string approverId,
        long atMs,
        ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(materialSha256);
        if (decision is not (Approve or Reject))
        {
            throw new ArgumentException($"decision is '{decision}'; expected '{Approve}' or '{Reject}'", nameof(decision));
        }

        if (nonce.Length != NonceLength)
        {
            throw new ArgumentException($"nonce must be {NonceLength} bytes, got {nonce.Length}", nameof(nonce));
        }

        var digests = new List<string>(materialSha256.Count);
        for (var i = 0; i < materialSha256.Count; i++)
        {
            if (materialSha256[i] is not { Length: SHA256.HashSizeInBytes } digest)
            {
                throw new ArgumentException(
                    $"material digest {i} must be {SHA256.HashSizeInBytes} bytes (SHA-256), got {materialSha256[i]?.Length.ToString() ?? "null"}", nameof(materialSha256));
            }

            digests.Add(Convert.ToHexStringLower(digest));
        }

        return LedgerRecord.Create(LedgerRecordKinds.ApprovalStatement, new Dictionary<string, object>
        {
            ["request_id"] = requestId,
            ["village_id"] = villageId,
            ["matter"] = matter,
            ["seal_kind"] = sealKind,
            ["copies"] = copies,
            ["material_sha256"] = digests,
            ["decision"] = decision,
            ["reason"] = reason,
            ["approver_id"] = approverId,
            ["at_ms"] = atMs,
            ["nonce"] = Convert.ToBase64String(nonce),
        });
    }

    /// <summary>
    /// Reads statement bytes, refusing anything that is not a canonical <see cref="LedgerRecordKinds.ApprovalStatement"/>
    /// record. Throws <see cref="FormatException"/> naming the problem.
    /// </summary>
    public static LedgerRecord Parse(ReadOnlySpan<byte> statementBytes)
    {
        var record = LedgerRecord.Parse(statementBytes);
        return record.Kind == LedgerRecordKinds.ApprovalStatement
            ? record
            : throw new FormatException($"the statement is a '{record.Kind}' record, not '{LedgerRecordKinds.ApprovalStatement}'");
    }

    /// <summary>The WebAuthn challenge for a statement: SHA-256 of its canonical bytes (32 bytes).</summary>
    public static byte[] Challenge(ReadOnlySpan<byte> statementBytes) => SHA256.HashData(statementBytes);
}
