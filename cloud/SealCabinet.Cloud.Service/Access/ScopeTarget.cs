namespace SealCabinet.Cloud.Service.Access;

/// <summary>What an RPC touches, resolved to the village and town a role must cover.</summary>
internal sealed record ScopeTarget(ScopeLevel Level, string? TownId, string? VillageId)
{
    public static ScopeTarget Global { get; } = new(ScopeLevel.Global, null, null);

    public static ScopeTarget ForTown(string townId) => new(ScopeLevel.Town, townId, null);

    public static ScopeTarget ForVillage(string villageId, string townId) => new(ScopeLevel.Village, townId, villageId);

    public override string ToString() => Level switch
    {
        ScopeLevel.Global => "the whole deployment",
        ScopeLevel.Town => $"town '{TownId}'",
        _ => $"village '{VillageId}'",
    };
}
