using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Rosters;

/// <summary>
/// Builds a cabinet's custodian roster as the database holds it now: every custodian whose role covers the cabinet's
/// village (a village role, or a role in its town), with their PIN verifier and their card digest under this cabinet's
/// roster key, so one cabinet's roster says nothing about card UIDs or about another cabinet's keys.
/// </summary>
internal sealed class RosterBuilder(CloudDbContext db, IRosterEncoder encoder, TimeProvider clock)
{
    public async Task<SignedRosterBytes> BuildAsync(string deviceId, string villageId, byte[] rosterKey, CancellationToken ct)
    {
        var village = await db.Villages.AsNoTracking().Where(v => v.Id == villageId)
            .Select(v => new { v.TownId, v.RosterVersion, v.CabinetAuthPolicy }).SingleAsync(ct);
        var people = await db.People.AsNoTracking()
            .Where(p => p.Roles.Any(r => r.Role == PersonRole.Custodian && (r.VillageId == villageId || r.TownId == village.TownId)))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.CabinetPinSalt, p.CabinetPinVerifier, p.CabinetPinIterations, p.AccessCardUid })
            .ToListAsync(ct);
        var entries = people.Select(p => new RosterEntry(
            p.Id, p.CabinetPinSalt, p.CabinetPinVerifier, p.CabinetPinIterations,
            p.AccessCardUid is null ? null : DeviceKeys.Mac(rosterKey, p.AccessCardUid))).ToList();
        var payload = encoder.Encode(new CabinetRoster(deviceId, village.RosterVersion, clock.GetUtcNow(), village.CabinetAuthPolicy, entries));
        return new SignedRosterBytes(village.RosterVersion, payload, DeviceKeys.Mac(rosterKey, payload));
    }

    public byte[] Envelope(SignedRosterBytes roster) => encoder.Envelope(roster.Payload, roster.Mac);
}
