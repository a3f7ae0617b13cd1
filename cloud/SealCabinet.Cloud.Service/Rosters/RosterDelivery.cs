using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Rosters;

/// <summary>
/// The roster part of a grant query: notes the version the cabinet says it holds (Cabinet.roster_version, for the
/// technician) and answers with the current roster when the village's is newer.
/// </summary>
internal sealed class RosterDelivery(CloudDbContext db, RosterBuilder builder)
{
    public async Task<SignedRosterBytes?> ForQueryAsync(string deviceId, ulong heldVersion, byte[] rosterKey, CancellationToken ct)
    {
        var held = (long)Math.Min(heldVersion, long.MaxValue);
        await db.Cabinets.Where(c => c.DeviceId == deviceId && c.RosterVersion != held)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RosterVersion, held), ct);
        var cabinet = await db.Cabinets.AsNoTracking().Where(c => c.DeviceId == deviceId)
            .Select(c => new { c.VillageId, Current = c.Village!.RosterVersion }).SingleAsync(ct);
        return cabinet.Current > held ? await builder.BuildAsync(deviceId, cabinet.VillageId, rosterKey, ct) : null;
    }
}
