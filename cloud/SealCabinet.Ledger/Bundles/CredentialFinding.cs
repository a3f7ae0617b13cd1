namespace SealCabinet.Ledger.Bundles;

/// <summary>What the approvals check found for one <c>person.credential.registered</c> entry.</summary>
/// <param name="EntryIndex">The registration's ledger index.</param>
/// <param name="PersonId">The entry's person_id.</param>
/// <param name="CredentialId">The registered credential id (base64).</param>
/// <param name="Fingerprint">SHA-256 of the registered COSE public key (hex), what a supervisor pins a trusted root by.</param>
/// <param name="EndorserId">The entry's enrolled_by: who endorsed it (the person themselves for a root).</param>
/// <param name="IsRoot">True when the registered passkey signed its own endorsement: a root of trust.</param>
/// <param name="Status">How the endorsement stands.</param>
/// <param name="EndorserEntryIndex">The registration of the endorser's credential, when found in the bundle (the entry itself for a root).</param>
/// <param name="Detail">For a person.</param>
public sealed record CredentialFinding(
    ulong EntryIndex,
    string PersonId,
    string CredentialId,
    string Fingerprint,
    string EndorserId,
    bool IsRoot,
    CredentialStatus Status,
    ulong? EndorserEntryIndex,
    string Detail)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"person.credential.registered at entry {EntryIndex} (person {PersonId}, credential {CredentialId}{(IsRoot ? ", root" : "")}): {Status}: {Detail}";
}
