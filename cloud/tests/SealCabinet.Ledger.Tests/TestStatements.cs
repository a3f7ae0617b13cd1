using System.Security.Cryptography;
using System.Text;
using SealCabinet.Ledger.Approvals;

namespace SealCabinet.Ledger.Tests;

/// <summary>Approval statements for tests: one request with two materials, varied one field at a time.</summary>
internal static class TestStatements
{
    public static readonly byte[] Nonce = [.. Enumerable.Range(0, 16).Select(i => (byte)i)];

    public static IReadOnlyList<byte[]> Materials { get; } =
        [SHA256.HashData(Encoding.UTF8.GetBytes("contract.pdf")), SHA256.HashData(Encoding.UTF8.GetBytes("minutes.pdf"))];

    public static byte[] Bytes(
        string requestId = "r-7",
        string approverId = "u-approver",
        string decision = ApprovalStatements.Approve,
        string reason = "",
        IReadOnlyList<byte[]>? materials = null) =>
        ApprovalStatements.Create(
            requestId, "v-1", "labour-hiring", "committee", 2, materials ?? Materials, decision, reason, approverId, 1_764_000_000_000, Nonce).Bytes;
}
