namespace SealCabinet.Cloud.Service.Requests;

/// <summary>
/// What the approver's browser sends back — the ceremony it answered and the passkey's assertion as JSON — and the
/// relying party (rp id, origins) the call reached.
/// </summary>
internal sealed record DecisionSignatureInput(string CeremonyId, string CredentialJson, Fido2NetLib.Fido2Configuration RelyingParty);
