using System.Security.Cryptography;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Ledger.Approvals;

/// <summary>
/// The statement an administrator's passkey signs to vouch for a person's newly registered passkey
/// (docs/supervision.md §11.7): a canonical record of kind <see cref="LedgerRecordKinds.CredentialEndorsement"/>
/// naming the person, the credential and the SHA-256 of its public key. A <c>person.credential.registered</c> entry
/// carries it with the administrator's assertion, whose challenge is <see cref="ApprovalStatements.Challenge"/> of
/// its bytes. A root endorsement is signed by the registered passkey itself (<c>endorser_id</c> = <c>person_id</c>).
/// </summary>
public static class CredentialEndorsements
{
    /// <summary>
    /// Builds the canonical statement. <paramref name="nonce"/> is the server's fresh
    /// <see cref="ApprovalStatements.NonceLength"/>-byte nonce. Throws <see cref="ArgumentException"/> naming what is wrong.
    /// </summary>
    public static LedgerRecord Create(
        string personId, ReadOnlySpan<byte> credentialId, ReadOnlySpan<byte> cosePublicKey, long algorithm, string endorserId, long atMs, ReadOnlySpan<byte> nonce)
    {
        if (credentialId.IsEmpty || cosePublicKey.IsEmpty)
        {
            throw new ArgumentException("the credential id and the public key must not be empty", nameof(credentialId));
        }

        if (nonce.Length != ApprovalStatements.NonceLength)
        {
            throw new ArgumentException($"nonce must be {ApprovalStatements.NonceLength} bytes, got {nonce.Length}", nameof(nonce));
        }

        return LedgerRecord.Create(LedgerRecordKinds.CredentialEndorsement, new Dictionary<string, object>
        {
            ["person_id"] = personId,
            ["credential_id"] = Convert.ToBase64String(credentialId),
            ["public_key_sha256"] = Fingerprint(cosePublicKey),
            ["algorithm"] = algorithm,
            ["endorser_id"] = endorserId,
            ["at_ms"] = atMs,
            ["nonce"] = Convert.ToBase64String(nonce),
        });
    }

    /// <summary>
    /// Reads statement bytes, refusing anything that is not a canonical <see cref="LedgerRecordKinds.CredentialEndorsement"/>
    /// record. Throws <see cref="FormatException"/> naming the problem.
    /// </summary>
    public static LedgerRecord Parse(ReadOnlySpan<byte> statementBytes)
    {
        var record = LedgerRecord.Parse(statementBytes);
        return record.Kind == LedgerRecordKinds.CredentialEndorsement
            ? record
            : throw new FormatException($"the statement is a '{record.Kind}' record, not '{LedgerRecordKinds.CredentialEndorsement}'");
    }

    /// <summary>
    /// The first field where <paramref name="statement"/> is not about the registration of <paramref name="credentialId"/>
    /// (base64) of <paramref name="personId"/> with key <paramref name="fingerprint"/> and <paramref name="algorithm"/>,
    /// endorsed by <paramref name="endorserId"/>, as "the endorsement's NAME is 'X'" plus the registration's value; null
    /// when it agrees. The record writer and the bundle verifier both judge an endorsement by it.
    /// </summary>
    public static (string Problem, object RegistrationValue)? Disagreement(
        LedgerRecord statement, string personId, string credentialId, string fingerprint, long algorithm, string endorserId)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var agreeing = new (string Name, object Value)[]
        {
            ("person_id", personId), ("credential_id", credentialId), ("public_key_sha256", fingerprint), ("algorithm", algorithm),
            ("endorser_id", endorserId),
        };
        foreach (var (name, value) in agreeing)
        {
            if (!statement.Fields[name].Equals(value))
            {
                return ($"the endorsement's {name} is '{statement.Fields[name]}'", value);
            }
        }

        return null;
    }

    /// <summary>
    /// A passkey's fingerprint: SHA-256 of its COSE public key as lowercase hex (64 characters). The endorsement names
    /// the key by it, the console shows its first 16 characters for the person and the administrator to compare, and a
    /// supervisor pins trusted roots by it.
    /// </summary>
    public static string Fingerprint(ReadOnlySpan<byte> cosePublicKey) => Convert.ToHexStringLower(SHA256.HashData(cosePublicKey));
}
