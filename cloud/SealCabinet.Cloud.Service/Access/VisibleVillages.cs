using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Access;

/// <summary>Turns a caller's scope into a query of the village ids they may see, for list calls.</summary>
internal static class VisibleVillages
{
    public static IQueryable<Village> Apply(IQueryable<Village> villages, ScopeFilter filter)
    {
        if (filter.Everything)
        {
            return villages;
        }

        var towns = filter.TownIds.ToArray();
        var ids = filter.VillageIds.ToArray();
        return villages.Where(v => towns.Contains(v.TownId) || ids.Contains(v.Id));
    }

    public static IQueryable<string> Ids(CloudDbContext db, ScopeFilter filter) => Apply(db.Villages, filter).Select(v => v.Id);
}
