using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Access;

/// <summary>Resolves the ids named in a request to the village and town an access policy checks.</summary>
internal sealed class ScopeResolver(CloudDbContext db)
{
    public static ValueTask<ScopeTarget?> Global() => ValueTask.FromResult<ScopeTarget?>(ScopeTarget.Global);

    public static ValueTask<ScopeTarget?> Anywhere() => ValueTask.FromResult<ScopeTarget?>(null);

    public static ValueTask<ScopeTarget?> Town(string townId, string field) =>
        ValueTask.FromResult<ScopeTarget?>(ScopeTarget.ForTown(Identifiers.RequireSlug(townId, field)));

    public async ValueTask<ScopeTarget?> Village(string villageId, string field, CancellationToken ct)
    {
        Identifiers.RequireSlug(villageId, field);
        var townId = await db.Villages.Where(v => v.Id == villageId).Select(v => v.TownId).SingleOrDefaultAsync(ct);
        return townId is null
            ? throw CloudException.NotFound(field, $"village '{villageId}' does not exist")
            : ScopeTarget.ForVillage(villageId, townId);
    }

    public async ValueTask<ScopeTarget?> Device(string deviceId, string field, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(deviceId))
        {
            throw CloudException.Invalid(field, "is required");
        }

        var village = await db.Cabinets.Where(c => c.DeviceId == deviceId)
            .Select(c => new { c.VillageId, c.Village!.TownId }).SingleOrDefaultAsync(ct);
        return village is null
            ? throw CloudException.NotFound(field, $"cabinet '{Identifiers.Shorten(deviceId)}' does not exist")
            : ScopeTarget.ForVillage(village.VillageId, village.TownId);
    }

    public async ValueTask<ScopeTarget?> Request(string requestId, string field, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(requestId, field);
        var village = await db.Requests.Where(r => r.Id == id)
            .Join(db.Villages, r => r.VillageId, v => v.Id, (r, v) => new { v.Id, v.TownId })
            .SingleOrDefaultAsync(ct);
        return village is null
            ? throw CloudException.NotFound(field, $"request '{requestId}' does not exist")
            : ScopeTarget.ForVillage(village.Id, village.TownId);
    }

    /// <summary>A list filter: the village if given, else the town if given, else no particular target.</summary>
    public ValueTask<ScopeTarget?> Filter(string villageId, string villageField, string townId, string townField, CancellationToken ct) =>
        !string.IsNullOrEmpty(villageId) ? Village(villageId, villageField, ct)
        : !string.IsNullOrEmpty(townId) ? Town(townId, townField)
        : Anywhere();

    /// <summary>The scope a role assignment names: a village, a town, or (neither) the whole deployment.</summary>
    public ValueTask<ScopeTarget?> Assignment(string villageId, string townId, string field, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(villageId) && !string.IsNullOrEmpty(townId))
        {
            throw CloudException.Invalid(field, "names both a village and a town; a role has exactly one scope");
        }

        return !string.IsNullOrEmpty(villageId) ? Village(villageId, field + ".village_id", ct)
            : !string.IsNullOrEmpty(townId) ? Town(townId, field + ".town_id")
            : Global();
    }
}
