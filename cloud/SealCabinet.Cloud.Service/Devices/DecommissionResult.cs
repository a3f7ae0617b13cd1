using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Devices;

/// <summary>A decommissioned cabinet and how many live grants that revoked.</summary>
internal sealed record DecommissionResult(Cabinet Cabinet, int RevokedGrants);
