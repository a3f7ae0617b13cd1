namespace SealCabinet.Ledger.Records;

/// <summary>The ledger entry kinds and the fields each requires (docs/supervision.md lists them).</summary>
public static class LedgerRecordKinds
{
    /// <summary>A device event accepted by the gateway.</summary>
    public const string DeviceEvent = "device.event";

    /// <summary>A custodian filed a seal-use request.</summary>
    public const string RequestSubmitted = "request.submitted";

    /// <summary>An approver approved a request.</summary>
    public const string RequestApproved = "request.approved";

    /// <summary>An approver rejected a request.</summary>
    public const string RequestRejected = "request.rejected";

    /// <summary>A request was cancelled.</summary>
    public const string RequestCancelled = "request.cancelled";

    /// <summary>A one-time unlock grant was issued to a cabinet.</summary>
    public const string GrantIssued = "grant.issued";

    /// <summary>A cabinet was registered.</summary>
    public const string DeviceRegistered = "device.registered";

    /// <summary>A cabinet was decommissioned.</summary>
    public const string DeviceDecommissioned = "device.decommissioned";

    /// <summary>A cabinet's device secret was replaced (re-provisioning); its live grants were signed again under the new key.</summary>
    public const string DeviceSecretRotated = "device.secret.rotated";

    /// <summary>An administrator authorised a cabinet to start a new event chain.</summary>
    public const string ChainRestartAuthorized = "chain.restart.authorized";

    /// <summary>An anomaly rule fired.</summary>
    public const string AnomalyRaised = "anomaly.raised";

    /// <summary>A supervisor changed an anomaly's status.</summary>
    public const string AnomalyUpdated = "anomaly.updated";

    /// <summary>
    /// A passkey (WebAuthn credential) was registered to a person; carries its COSE public key and, when an administrator
    /// endorsed it, their signed <see cref="CredentialEndorsement"/> (<see cref="EndorsementSignatureFields"/>).
    /// </summary>
    public const string PersonCredentialRegistered = "person.credential.registered";

    /// <summary>A person's passkey was revoked; assertions made with it after this entry are refused.</summary>
    public const string PersonCredentialRevoked = "person.credential.revoked";

    /// <summary>
    /// The statement an approver's passkey signs (docs/supervision.md §11). It is a record format carried inside
    /// <see cref="RequestApproved"/> and <see cref="RequestRejected"/> entries, never appended as an entry of its own.
    /// </summary>
    public const string ApprovalStatement = "approval.statement";

    /// <summary>
    /// The statement an administrator's passkey signs to endorse a person's passkey (docs/supervision.md §11.7), carried
    /// inside <see cref="PersonCredentialRegistered"/> entries, never appended as an entry of its own.
    /// </summary>
    public const string CredentialEndorsement = "credential.endorsement";

    /// <summary>
    /// Optional fields of <see cref="PersonCredentialRegistered"/> that carry the endorsing administrator's signature;
    /// an endorsed registration has all of them, an unendorsed one none.
    /// </summary>
    public static IReadOnlyDictionary<string, FieldType> EndorsementSignatureFields { get; } = Fields(
        ("endorsement", FieldType.Base64), ("endorsement_sha256", FieldType.Sha256Hex), ("endorser_credential_id", FieldType.Base64),
        ("endorser_authenticator_data", FieldType.Base64), ("endorser_client_data_json", FieldType.Base64), ("endorser_signature", FieldType.Base64));

    /// <summary>
    /// Optional fields of <see cref="RequestApproved"/> and <see cref="RequestRejected"/> that carry the approver's
    /// signature; a signed decision has all of them, an unsigned one none.
    /// </summary>
    public static IReadOnlyDictionary<string, FieldType> DecisionSignatureFields { get; } = Fields(
        ("statement", FieldType.Base64), ("statement_sha256", FieldType.Sha256Hex), ("credential_id", FieldType.Base64),
        ("authenticator_data", FieldType.Base64), ("client_data_json", FieldType.Base64), ("signature", FieldType.Base64));

    /// <summary>Required fields (besides "kind") of every kind. Records may carry further optional fields.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldType>> RequiredFields { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, FieldType>>(StringComparer.Ordinal)
        {
            [DeviceEvent] = Fields(("device_id", FieldType.Text), ("chain_epoch", FieldType.Integer), ("seq", FieldType.Integer),
                ("event_sha256", FieldType.Sha256Hex), ("event", FieldType.Base64)),
            [RequestSubmitted] = Fields(("request_id", FieldType.Text), ("village_id", FieldType.Text), ("seal_kind", FieldType.Text),
                ("matter", FieldType.Text), ("custodian_id", FieldType.Text), ("document_sha256", FieldType.Sha256Hex), ("at_ms", FieldType.Integer)),
            [RequestApproved] = Fields(("request_id", FieldType.Text), ("approver_id", FieldType.Text), ("at_ms", FieldType.Integer)),
            [RequestRejected] = Fields(("request_id", FieldType.Text), ("approver_id", FieldType.Text), ("reason", FieldType.Text),
                ("at_ms", FieldType.Integer)),
            [RequestCancelled] = Fields(("request_id", FieldType.Text), ("by_user_id", FieldType.Text), ("reason", FieldType.Text),
                ("at_ms", FieldType.Integer)),
            [GrantIssued] = Fields(("request_id", FieldType.Text), ("device_id", FieldType.Text), ("sleeve", FieldType.Integer),
                ("grant_counter", FieldType.Integer), ("presses", FieldType.Integer), ("expires_ms", FieldType.Integer),
                ("document_sha256", FieldType.Sha256Hex), ("at_ms", FieldType.Integer)),
            [DeviceRegistered] = Fields(("device_id", FieldType.Text), ("village_id", FieldType.Text), ("by_user_id", FieldType.Text),
                ("at_ms", FieldType.Integer)),
            [DeviceDecommissioned] = Fields(("device_id", FieldType.Text), ("by_user_id", FieldType.Text), ("reason", FieldType.Text),
                ("at_ms", FieldType.Integer)),
            [DeviceSecretRotated] = Fields(("device_id", FieldType.Text), ("secret_version", FieldType.Integer), ("by_user_id", FieldType.Text),
                ("grants_resigned", FieldType.Integer), ("at_ms", FieldType.Integer)),
            [ChainRestartAuthorized] = Fields(("device_id", FieldType.Text), ("chain_epoch", FieldType.Integer), ("by_user_id", FieldType.Text),
                ("reason", FieldType.Text), ("at_ms", FieldType.Integer)),
            [AnomalyRaised] = Fields(("anomaly_id", FieldType.Text), ("rule", FieldType.Text), ("summary", FieldType.Text),
                ("evidence", FieldType.IntegerList), ("at_ms", FieldType.Integer)),
            [AnomalyUpdated] = Fields(("anomaly_id", FieldType.Text), ("status", FieldType.Text), ("by_user_id", FieldType.Text),
                ("note", FieldType.Text), ("at_ms", FieldType.Integer)),
            [PersonCredentialRegistered] = Fields(("person_id", FieldType.Text), ("credential_id", FieldType.Base64),
                ("public_key", FieldType.Base64), ("algorithm", FieldType.Integer), ("enrolled_by", FieldType.Text), ("at_ms", FieldType.Integer)),
            [PersonCredentialRevoked] = Fields(("person_id", FieldType.Text), ("credential_id", FieldType.Base64), ("by_user_id", FieldType.Text),
                ("reason", FieldType.Text), ("at_ms", FieldType.Integer)),
            [ApprovalStatement] = Fields(("request_id", FieldType.Text), ("village_id", FieldType.Text), ("matter", FieldType.Text),
                ("seal_kind", FieldType.Text), ("copies", FieldType.Integer), ("material_sha256", FieldType.Sha256HexList),
                ("decision", FieldType.Text), ("reason", FieldType.Text), ("approver_id", FieldType.Text), ("at_ms", FieldType.Integer),
                ("nonce", FieldType.Base64)),
            [CredentialEndorsement] = Fields(("person_id", FieldType.Text), ("credential_id", FieldType.Base64),
                ("public_key_sha256", FieldType.Sha256Hex), ("algorithm", FieldType.Integer), ("endorser_id", FieldType.Text),
                ("at_ms", FieldType.Integer), ("nonce", FieldType.Base64)),
        };

    private static Dictionary<string, FieldType> Fields(params (string Name, FieldType Type)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Type, StringComparer.Ordinal);
}
