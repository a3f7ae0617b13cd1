using System.Security.Cryptography;
using SealCabinet.Ledger.Approvals;

namespace SealCabinet.Ledger.Records;

/// <summary>Typed constructors for every ledger record kind (the service's way to build entries).</summary>
public static class LedgerRecords
{
    /// <summary>A device event: <paramref name="signedEvent"/> is the exact SignedEvent bytes received from the cabinet.</summary>
    public static LedgerRecord DeviceEvent(string deviceId, long chainEpoch, long seq, ReadOnlySpan<byte> signedEvent) =>
        LedgerRecord.Create(LedgerRecordKinds.DeviceEvent, new Dictionary<string, object>
        {
            ["device_id"] = deviceId,
            ["chain_epoch"] = chainEpoch,
            ["seq"] = seq,
            ["event_sha256"] = Convert.ToHexStringLower(SHA256.HashData(signedEvent)),
            ["event"] = Convert.ToBase64String(signedEvent),
        });

    /// <summary>A custodian filed a request; <paramref name="documentSha256"/> is the digest of the approved material.</summary>
    public static LedgerRecord RequestSubmitted(
        string requestId, string villageId, string sealKind, string matter, string custodianId, ReadOnlySpan<byte> documentSha256, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.RequestSubmitted, new Dictionary<string, object>
        {
            ["request_id"] = requestId,
            ["village_id"] = villageId,
            ["seal_kind"] = sealKind,
            ["matter"] = matter,
            ["custodian_id"] = custodianId,
            ["document_sha256"] = Convert.ToHexStringLower(documentSha256),
            ["at_ms"] = atMs,
        });

    /// <summary>An approver approved a request.</summary>
    public static LedgerRecord RequestApproved(string requestId, string approverId, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.RequestApproved, new Dictionary<string, object>
        {
            ["request_id"] = requestId,
            ["approver_id"] = approverId,
            ["at_ms"] = atMs,
        });

    /// <summary>
    /// An approver approved a request with their passkey: the entry carries the statement and the assertion
    /// (docs/supervision.md §11). Throws <see cref="ArgumentException"/> when the statement is not an
    /// <see cref="ApprovalStatements.Approve"/> statement by <paramref name="approverId"/> for <paramref name="requestId"/>.
    /// </summary>
    public static LedgerRecord RequestApproved(string requestId, string approverId, long atMs, SignedStatement signature) =>
        LedgerRecord.Create(LedgerRecordKinds.RequestApproved, WithSignature(
            new Dictionary<string, object>
            {
                ["request_id"] = requestId,
                ["approver_id"] = approverId,
                ["at_ms"] = atMs,
            },
            ApprovalStatements.Approve,
            signature));

    /// <summary>An approver rejected a request.</summary>
    public static LedgerRecord RequestRejected(string requestId, string approverId, string reason, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.RequestRejected, new Dictionary<string, object>
        {
            ["request_id"] = requestId,
            ["approver_id"] = approverId,
            ["reason"] = reason,
            ["at_ms"] = atMs,
        });

    /// <summary>
    /// An approver rejected a request with their passkey: the entry carries the statement and the assertion.
    /// Throws <see cref="ArgumentException"/> when the statement is not a <see cref="ApprovalStatements.Reject"/>
    /// statement by <paramref name="approverId"/> for <paramref name="requestId"/> with this <paramref name="reason"/>.
    /// </summary>
    public static LedgerRecord RequestRejected(string requestId, string approverId, string reason, long atMs, SignedStatement signature) =>
        LedgerRecord.Create(LedgerRecordKinds.RequestRejected, WithSignature(
            new Dictionary<string, object>
            {
                ["request_id"] = requestId,
                ["approver_id"] = approverId,
                ["reason"] = reason,
                ["at_ms"] = atMs,
            },
            ApprovalStatements.Reject,
            signature));

    /// <summary>A request was cancelled.</summary>
    public static LedgerRecord RequestCancelled(string requestId, string byUserId, string reason, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.RequestCancelled, new Dictionary<string, object>
        {
            ["request_id"] = requestId,
            ["by_user_id"] = byUserId,
            ["reason"] = reason,
            ["at_ms"] = atMs,
        });

    /// <summary>
    /// A one-time unlock grant was issued; <paramref name="approvalDigest"/> (empty when the approvals were unsigned) is the
    /// grant's approval_digest: SHA-256 of the concatenated SHA-256 digests of its signed approval statements.
    /// </summary>
    public static LedgerRecord GrantIssued(
        string requestId, string deviceId, long sleeve, long grantCounter, long presses, long expiresMs, ReadOnlySpan<byte> documentSha256, long atMs,
        ReadOnlySpan<byte> approvalDigest = default)
    {
        var fields = new Dictionary<string, object>
        {
            ["request_id"] = requestId,
            ["device_id"] = deviceId,
            ["sleeve"] = sleeve,
            ["grant_counter"] = grantCounter,
            ["presses"] = presses,
            ["expires_ms"] = expiresMs,
            ["document_sha256"] = Convert.ToHexStringLower(documentSha256),
            ["at_ms"] = atMs,
        };
        if (!approvalDigest.IsEmpty)
        {
            fields["approval_sha256"] = Convert.ToHexStringLower(approvalDigest);
        }

        return LedgerRecord.Create(LedgerRecordKinds.GrantIssued, fields);
    }

    /// <summary>A cabinet was registered.</summary>
    public static LedgerRecord DeviceRegistered(string deviceId, string villageId, string byUserId, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.DeviceRegistered, new Dictionary<string, object>
        {
            ["device_id"] = deviceId,
            ["village_id"] = villageId,
            ["by_user_id"] = byUserId,
            ["at_ms"] = atMs,
        });

    /// <summary>
    /// <paramref name="byUserId"/> gave the cabinet a new device secret (version <paramref name="secretVersion"/>);
    /// <paramref name="grantsResigned"/> live grants were signed again under it.
    /// </summary>
    public static LedgerRecord DeviceSecretRotated(string deviceId, int secretVersion, string byUserId, int grantsResigned, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.DeviceSecretRotated, new Dictionary<string, object>
        {
            ["device_id"] = deviceId,
            ["secret_version"] = (long)secretVersion,
            ["by_user_id"] = byUserId,
            ["grants_resigned"] = (long)grantsResigned,
            ["at_ms"] = atMs,
        });

    /// <summary>A cabinet was decommissioned.</summary>
    public static LedgerRecord DeviceDecommissioned(string deviceId, string byUserId, string reason, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.DeviceDecommissioned, new Dictionary<string, object>
        {
            ["device_id"] = deviceId,
            ["by_user_id"] = byUserId,
            ["reason"] = reason,
            ["at_ms"] = atMs,
        });

    /// <summary>A new event chain was authorised; <paramref name="chainEpoch"/> is the new chain's number.</summary>
    public static LedgerRecord ChainRestartAuthorized(string deviceId, long chainEpoch, string byUserId, string reason, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.ChainRestartAuthorized, new Dictionary<string, object>
        {
            ["device_id"] = deviceId,
            ["chain_epoch"] = chainEpoch,
            ["by_user_id"] = byUserId,
            ["reason"] = reason,
            ["at_ms"] = atMs,
        });

    /// <summary>An anomaly rule fired; <paramref name="evidence"/> are the ledger indexes supporting it.</summary>
    public static LedgerRecord AnomalyRaised(string anomalyId, string rule, string summary, IReadOnlyList<long> evidence, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.AnomalyRaised, new Dictionary<string, object>
        {
            ["anomaly_id"] = anomalyId,
            ["rule"] = rule,
            ["summary"] = summary,
            ["evidence"] = evidence,
            ["at_ms"] = atMs,
        });

    /// <summary>
    /// A passkey was registered to <paramref name="personId"/>: <paramref name="cosePublicKey"/> is the COSE_Key bytes
    /// from the attested credential data and <paramref name="algorithm"/> its COSE algorithm (e.g. -7 ES256);
    /// <paramref name="endorsement"/> is the <see cref="CredentialEndorsements"/> statement about exactly this
    /// registration signed by <paramref name="enrolledBy"/>'s passkey (null: unendorsed, the service's word only).
    /// Throws <see cref="ArgumentException"/> when the credential id is empty, the key's own algorithm differs, a key of
    /// an algorithm the verifier checks (ES256, RS256, EdDSA) is malformed, or the endorsement is about another
    /// registration, so that no entry records a key that could never verify.
    /// </summary>
    public static LedgerRecord CredentialRegistered(
        string personId, ReadOnlySpan<byte> credentialId, ReadOnlySpan<byte> cosePublicKey, long algorithm, string enrolledBy, long atMs,
        SignedStatement? endorsement = null)
    {
        if (credentialId.IsEmpty)
        {
            throw new ArgumentException("the credential id is empty", nameof(credentialId));
        }

        using (var key = CoseKey.TryParse(cosePublicKey, out var keyAlgorithm, out var failure))
        {
            if (keyAlgorithm == 0 || (key is null && CoseKey.IsSupported(keyAlgorithm)))
            {
                throw new ArgumentException("the public key is not a usable COSE key: " + failure, nameof(cosePublicKey));
            }

            if (keyAlgorithm != algorithm)
            {
                throw new ArgumentException($"algorithm is {algorithm} but the COSE key says {keyAlgorithm}", nameof(algorithm));
            }
        }

        var fields = new Dictionary<string, object>
        {
            ["person_id"] = personId,
            ["credential_id"] = Convert.ToBase64String(credentialId),
            ["public_key"] = Convert.ToBase64String(cosePublicKey),
            ["algorithm"] = algorithm,
            ["enrolled_by"] = enrolledBy,
            ["at_ms"] = atMs,
        };
        if (endorsement is not null)
        {
            AddEndorsement(fields, CredentialEndorsements.Fingerprint(cosePublicKey), endorsement);
        }

        return LedgerRecord.Create(LedgerRecordKinds.PersonCredentialRegistered, fields);
    }

    /// <summary>A person's passkey was revoked; assertions with it in later entries are refused by the verifier.</summary>
    public static LedgerRecord CredentialRevoked(string personId, ReadOnlySpan<byte> credentialId, string byUserId, string reason, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.PersonCredentialRevoked, new Dictionary<string, object>
        {
            ["person_id"] = personId,
            ["credential_id"] = Convert.ToBase64String(credentialId),
            ["by_user_id"] = byUserId,
            ["reason"] = reason,
            ["at_ms"] = atMs,
        });

    /// <summary>A supervisor changed an anomaly's status ("acknowledged", "resolved").</summary>
    public static LedgerRecord AnomalyUpdated(string anomalyId, string status, string byUserId, string note, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.AnomalyUpdated, new Dictionary<string, object>
        {
            ["anomaly_id"] = anomalyId,
            ["status"] = status,
            ["by_user_id"] = byUserId,
            ["note"] = note,
            ["at_ms"] = atMs,
        });

    /// <summary>Adds the endorsement fields after checking that the statement is about this registration, as <see cref="WithSignature"/> does for decisions.</summary>
    private static void AddEndorsement(Dictionary<string, object> fields, string fingerprint, SignedStatement endorsement)
    {
        LedgerRecord statement;
        try
        {
            statement = CredentialEndorsements.Parse(endorsement.Statement);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("the endorsement is not a canonical credential endorsement: " + ex.Message, nameof(endorsement), ex);
        }

        if (CredentialEndorsements.Disagreement(
                statement, (string)fields["person_id"], (string)fields["credential_id"], fingerprint, (long)fields["algorithm"], (string)fields["enrolled_by"])
            is { } wrong)
        {
            throw new ArgumentException($"{wrong.Problem}, the registration's '{wrong.RegistrationValue}'", nameof(endorsement));
        }

        fields["endorsement"] = Convert.ToBase64String(endorsement.Statement);
        fields["endorsement_sha256"] = Convert.ToHexStringLower(SHA256.HashData(endorsement.Statement));
        fields["endorser_credential_id"] = Convert.ToBase64String(endorsement.CredentialId);
        fields["endorser_authenticator_data"] = Convert.ToBase64String(endorsement.AuthenticatorData);
        fields["endorser_client_data_json"] = Convert.ToBase64String(endorsement.ClientDataJson);
        fields["endorser_signature"] = Convert.ToBase64String(endorsement.Signature);
    }

    /// <summary>
    /// Adds the signature fields to a decision's fields after checking that the statement is the one this entry
    /// records; a mismatch is a bug in the caller, which the verifier would otherwise report only later.
    /// </summary>
    private static Dictionary<string, object> WithSignature(Dictionary<string, object> fields, string decision, SignedStatement signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        LedgerRecord statement;
        try
        {
            statement = ApprovalStatements.Parse(signature.Statement);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("the signed statement is not a canonical approval statement: " + ex.Message, nameof(signature), ex);
        }

        var agreeing = fields.Where(f => f.Key != "at_ms").Select(f => (Name: f.Key, Value: (string)f.Value)).Append(("decision", decision));
        foreach (var (name, value) in agreeing)
        {
            if (statement.GetText(name) != value)
            {
                throw new ArgumentException($"the signed statement's {name} is '{statement.GetText(name)}', the entry's '{value}'", nameof(signature));
            }
        }

        fields["statement"] = Convert.ToBase64String(signature.Statement);
        fields["statement_sha256"] = Convert.ToHexStringLower(SHA256.HashData(signature.Statement));
        fields["credential_id"] = Convert.ToBase64String(signature.CredentialId);
        fields["authenticator_data"] = Convert.ToBase64String(signature.AuthenticatorData);
        fields["client_data_json"] = Convert.ToBase64String(signature.ClientDataJson);
        fields["signature"] = Convert.ToBase64String(signature.Signature);
        return fields;
    }
}
