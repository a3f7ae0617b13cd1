namespace SealCabinet.Cloud.Service.Recording;

/// <summary>The <c>security_events.kind</c> values (stable: supervision rules query them).</summary>
internal static class SecurityEventKinds
{
    public const string BadMac = "bad-mac";
    public const string ConflictingEvent = "conflicting-event";
    public const string ChainBroken = "chain-broken";
    public const string SequenceGap = "sequence-gap";
    public const string UnknownDevice = "unknown-device";
    public const string DecommissionedDevice = "decommissioned-device";
    public const string Malformed = "malformed";
    public const string OversizeBatch = "oversize-batch";
    public const string WrongDevice = "wrong-device";
    public const string WrongChainEpoch = "wrong-chain-epoch";
    public const string UnauthorizedChainRestart = "unauthorized-chain-restart";
    public const string ChainRestartAuthorized = "chain-restart-authorized";
    public const string ChainRestarted = "chain-restarted";
    public const string ReplayedGrantRefusal = "replayed-grant-refusal";
    public const string RevokedGrantUsed = "revoked-grant-used";
    public const string RevokedGrantUnlocked = "revoked-grant-unlocked";
    public const string UnknownGrant = "unknown-grant";
    public const string EvidenceMismatch = "evidence-mismatch";
    public const string BadEvidenceMac = "bad-evidence-chunk-mac";
    public const string MqttBadPassword = "mqtt-bad-password";

    /// <summary>The ledger no longer extends the latest signed head (rows removed or rewritten); no head is signed over it.</summary>
    public const string LedgerRollback = "ledger-rollback";

    /// <summary>Kinds that notify the village's supervisors (the others are kept for audit only).</summary>
    public static bool NotifiesSupervisors(string kind) => kind is BadMac or ConflictingEvent or ChainBroken or DecommissionedDevice
        or UnauthorizedChainRestart or ChainRestarted or ReplayedGrantRefusal or RevokedGrantUsed or RevokedGrantUnlocked or UnknownGrant or EvidenceMismatch
        or LedgerRollback;
}
