using SealCabinet.Ledger.Records;

namespace SealCabinet.Ledger.Approvals;

/// <summary>
/// A statement signed by a person's passkey: the canonical statement (an approval statement or a credential
/// endorsement) and the raw WebAuthn assertion over its challenge, exactly as the authenticator and the browser
/// produced them.
/// </summary>
/// <param name="Statement">Canonical bytes of the <see cref="LedgerRecordKinds.ApprovalStatement"/> or <see cref="LedgerRecordKinds.CredentialEndorsement"/> record.</param>
/// <param name="CredentialId">The signing passkey's credential id (the assertion's rawId).</param>
/// <param name="AuthenticatorData">The assertion's authenticatorData.</param>
/// <param name="ClientDataJson">The assertion's clientDataJSON, byte for byte as the browser wrote it.</param>
/// <param name="Signature">The assertion's signature (for ES256 an ASN.1 DER ECDSA-Sig-Value).</param>
public sealed record SignedStatement(byte[] Statement, byte[] CredentialId, byte[] AuthenticatorData, byte[] ClientDataJson, byte[] Signature)
{
    /// <summary>
    /// The signature an entry carries: the approver's on a <see cref="LedgerRecordKinds.RequestApproved"/> or
    /// <see cref="LedgerRecordKinds.RequestRejected"/> record, the endorsing administrator's on a
    /// <see cref="LedgerRecordKinds.PersonCredentialRegistered"/> record; null when the entry is unsigned. Throws
    /// <see cref="ArgumentException"/> for other kinds.
    /// </summary>
    public static SignedStatement? FromRecord(LedgerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string[] names = record.Kind switch
        {
            LedgerRecordKinds.RequestApproved or LedgerRecordKinds.RequestRejected =>
                ["statement", "credential_id", "authenticator_data", "client_data_json", "signature"],
            LedgerRecordKinds.PersonCredentialRegistered =>
                ["endorsement", "endorser_credential_id", "endorser_authenticator_data", "endorser_client_data_json", "endorser_signature"],
            _ => throw new ArgumentException($"a '{record.Kind}' record carries no signed statement", nameof(record)),
        };

        // Record validation admits the signature fields only all together, so one present means all are.
        if (!record.Fields.ContainsKey(names[^1]))
        {
            return null;
        }

        byte[] Bytes(int i) => Convert.FromBase64String(record.GetText(names[i]));
        return new SignedStatement(Bytes(0), Bytes(1), Bytes(2), Bytes(3), Bytes(4));
    }
}
