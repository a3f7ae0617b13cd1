using System.Security.Cryptography;
using System.Text;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Ledger.Tests;

/// <summary>
/// Approval statements for tests: one request with two materials, varied one field at a time; and passkey
/// registrations endorsed by an administrator's passkey or by themselves (a root).
/// </summary>
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

    /// <summary>An endorsement statement about <paramref name="passkey"/> registered to <paramref name="personId"/>, with a fresh nonce.</summary>
    public static byte[] Endorsement(string personId, SoftwareAuthenticator passkey, string endorserId) =>
        CredentialEndorsements.Create(
            personId, passkey.CredentialId, passkey.CosePublicKey, passkey.Algorithm, endorserId, 1_764_000_000_000, RandomNumberGenerator.GetBytes(16)).Bytes;

    /// <summary>
    /// The registration of <paramref name="passkey"/> to <paramref name="personId"/>, endorsed by
    /// <paramref name="endorserId"/> signing with <paramref name="endorser"/>; without an endorser, a root (the passkey endorses itself).
    /// </summary>
    public static LedgerRecord Registration(string personId, SoftwareAuthenticator passkey, string? endorserId = null, SoftwareAuthenticator? endorser = null)
    {
        var by = endorserId ?? personId;
        return LedgerRecords.CredentialRegistered(
            personId, passkey.CredentialId, passkey.CosePublicKey, passkey.Algorithm, by, 1, (endorser ?? passkey).Sign(Endorsement(personId, passkey, by)));
    }
}
