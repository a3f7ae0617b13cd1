namespace SealCabinet.Cloud.Service.Access;

/// <summary>The villages a caller may see in a list call: everything, or the union of some towns and villages.</summary>
internal sealed record ScopeFilter(bool Everything, IReadOnlyList<string> TownIds, IReadOnlyList<string> VillageIds)
{
    public bool IsEmpty => !Everything && TownIds.Count == 0 && VillageIds.Count == 0;
}
