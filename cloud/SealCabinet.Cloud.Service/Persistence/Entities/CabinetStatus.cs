namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>Life-cycle state of a cabinet.</summary>
internal enum CabinetStatus
{
    Registered,
    Active,
    Decommissioned,
}
