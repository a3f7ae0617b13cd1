namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>Where a supervisor is with an anomaly.</summary>
internal enum AnomalyStatus
{
    Open,
    Acknowledged,
    Resolved,
}
