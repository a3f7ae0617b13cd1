using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Filters of ListAnomalies.</summary>
internal sealed record AnomalyFilter(string? VillageId, string? TownId, IReadOnlyList<AnomalyStatus> Statuses, string? Rule);
