namespace SealCabinet.Cloud.Service.Recording;

/// <summary>The village and town of a cabinet, which decide who hears of its security events.</summary>
internal sealed record CabinetPlace(string VillageId, string TownId);
