using SealCabinet.Ledger.Records;

namespace SealCabinet.Ledger.Approvals;

/// <summary>
/// An approver's signed decision: the canonical approval statement and the raw WebAuthn assertion over its
/// challenge, exactly as the authenticator and the browser produced them.
/// </summary>
/// <param name="Statement">Canonical bytes of the <see cref="LedgerRecordKinds.ApprovalStatement"/> record.</param>
/// <param name="CredentialId">The passkey's credential id (the assertion's rawId).</param>
/// <param name="AuthenticatorData">The assertion's authenticatorData.</param>
/// <param name="ClientDataJson">The assertion's clientDataJSON, byte for byte as the browser wrote it.</param>
/// <param name="Signature">The assertion's signature (for ES256 an ASN.1 DER ECDSA-Sig-Value).</param>
public sealed record SignedDecision(byte[] Statement, byte[] CredentialId, byte[] AuthenticatorData, byte[] ClientDataJson, byte[] Signature)
{
    /// <summary>
    /// The signature a <see cref="LedgerRecordKinds.RequestApproved"/> or <see cref="LedgerRecordKinds.RequestRejected"/>
    /// record carries, or null when the decision is unsigned. Throws <see cref="ArgumentException"/> for other kinds.
    /// </summary>
    public static SignedDecision? FromRecord(LedgerRecord decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Kind is not (LedgerRecordKinds.RequestApproved or LedgerRecordKinds.RequestRejected))
        {
            throw new ArgumentException($"a '{decision.Kind}' record carries no decision", nameof(decision));
        }

        // Record validation admits the signature fields only all together, so one present means all are.
        if (!decision.Fields.ContainsKey("signature"))
        {
            return null;
        }

        byte[] Bytes(string name) => Convert.FromBase64String(decision.GetText(name));
        return new SignedDecision(Bytes("statement"), Bytes("credential_id"), Bytes("authenticator_data"), Bytes("client_data_json"), Bytes("signature"));
    }
}
