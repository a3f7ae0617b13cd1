using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Mqtt;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Rosters;

/// <summary>
/// Raises the roster version of villages whose custodians changed and writes the new roster of each of their cabinets
/// to the outbox (topic <c>…/roster</c>), inside the caller's transaction: the change and its announcement commit
/// together. The version UPDATE row-locks the village until commit, so a concurrent change builds its roster after this
/// one committed, and a higher version always knows everything a lower one did.
/// </summary>
internal sealed class RosterPublisher(CloudDbContext db, MasterKeyProtector protector, RosterBuilder builder, TimeProvider clock)
{
    /// <summary>The villages whose rosters list the person: those their custodian roles cover.</summary>
    public Task<List<string>> VillagesListingAsync(string personId, CancellationToken ct) =>
        db.Villages
            .Where(v => db.RoleAssignments.Any(r => r.PersonId == personId && r.Role == PersonRole.Custodian && (r.VillageId == v.Id || r.TownId == v.TownId)))
            .Select(v => v.Id)
            .ToListAsync(ct);

    /// <summary>The villages a role assignment covers, or none when it is not a custodian role.</summary>
    public Task<List<string>> VillagesCoveredAsync(PersonRole role, string? villageId, string? townId, CancellationToken ct) =>
        role != PersonRole.Custodian
            ? Task.FromResult(new List<string>())
            : db.Villages.Where(v => v.Id == villageId || v.TownId == townId).Select(v => v.Id).ToListAsync(ct);

    /// <summary>Saves pending changes, raises the villages' roster versions and queues the new rosters.</summary>
    public async Task RaiseAsync(IReadOnlyCollection<string> villageIds, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A roster change must be published inside the transaction that makes it.");
        }

        await db.SaveChangesAsync(ct);
        if (villageIds.Count == 0)
        {
            return;
        }

        var ids = villageIds.Distinct().Order(StringComparer.Ordinal).ToArray();
        await db.Villages.Where(v => ids.Contains(v.Id)).ExecuteUpdateAsync(s => s.SetProperty(v => v.RosterVersion, v => v.RosterVersion + 1), ct);
        var cabinets = await db.Cabinets.AsNoTracking()
            .Where(c => ids.Contains(c.VillageId) && c.Status != CabinetStatus.Decommissioned)
            .OrderBy(c => c.DeviceId)
            .Select(c => new { c.DeviceId, c.VillageId, c.EncryptedSecret })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var cabinet in cabinets)
        {
            var rosterKey = protector.OpenPurposeKey(cabinet.DeviceId, cabinet.EncryptedSecret, DeviceKeys.RosterPurpose);
            var roster = await builder.BuildAsync(cabinet.DeviceId, cabinet.VillageId, rosterKey, ct);
            db.Outbox.Add(new OutboxMessage
            {
                Topic = MqttTopics.Roster(cabinet.DeviceId),
                Payload = builder.Envelope(roster),
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
        foreach (var village in db.ChangeTracker.Entries<Village>().Where(e => ids.Contains(e.Entity.Id)).ToList())
        {
            await village.ReloadAsync(ct);
        }
    }
}
