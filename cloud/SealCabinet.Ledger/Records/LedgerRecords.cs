using System.Security.Cryptography;

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

    /// <summary>An approver rejected a request.</summary>
    public static LedgerRecord RequestRejected(string requestId, string approverId, string reason, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.RequestRejected, new Dictionary<string, object>
        {
            ["request_id"] = requestId,
            ["approver_id"] = approverId,
            ["reason"] = reason,
            ["at_ms"] = atMs,
        });

    /// <summary>A request was cancelled.</summary>
    public static LedgerRecord RequestCancelled(string requestId, string byUserId, string reason, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.RequestCancelled, new Dictionary<string, object>
        {
            ["request_id"] = requestId,
            ["by_user_id"] = byUserId,
            ["reason"] = reason,
            ["at_ms"] = atMs,
        });

    /// <summary>A one-time unlock grant was issued.</summary>
    public static LedgerRecord GrantIssued(
        string requestId, string deviceId, long sleeve, long grantCounter, long presses, long expiresMs, ReadOnlySpan<byte> documentSha256, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.GrantIssued, new Dictionary<string, object>
        {
            ["request_id"] = requestId,
            ["device_id"] = deviceId,
            ["sleeve"] = sleeve,
            ["grant_counter"] = grantCounter,
            ["presses"] = presses,
            ["expires_ms"] = expiresMs,
            ["document_sha256"] = Convert.ToHexStringLower(documentSha256),
            ["at_ms"] = atMs,
        });

    /// <summary>A cabinet was registered.</summary>
    public static LedgerRecord DeviceRegistered(string deviceId, string villageId, string byUserId, long atMs) =>
        LedgerRecord.Create(LedgerRecordKinds.DeviceRegistered, new Dictionary<string, object>
        {
            ["device_id"] = deviceId,
            ["village_id"] = villageId,
            ["by_user_id"] = byUserId,
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
}
