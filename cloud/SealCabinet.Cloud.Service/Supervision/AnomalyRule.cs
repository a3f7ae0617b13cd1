namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>
/// A named detection rule: SQL returning one row per finding with the columns subject (text, unique per rule),
/// village_id, device_id (nullable), request_id (uuid, nullable), summary, evidence (bigint[]: ledger indexes).
/// </summary>
internal sealed record AnomalyRule(string Name, string Sql);
