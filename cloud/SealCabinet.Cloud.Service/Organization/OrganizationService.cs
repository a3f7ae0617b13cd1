using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SealCabinet.Ledger.Records;
using Npgsql;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Grants;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Cloud.Service.Rosters;

namespace SealCabinet.Cloud.Service.Organization;

/// <summary>Towns, villages, people, their roles and the matter catalogue.</summary>
internal sealed class OrganizationService(
    CloudDbContext db,
    ScopeResolver scopes,
    RosterPublisher rosters,
    OutboxSignal outbox,
    LedgerAppender ledger,
    IOptions<RosterOptions> rosterOptions,
    TimeProvider clock)
{
    public async Task<Town> CreateTownAsync(string townId, string name, CancellationToken ct)
    {
        Identifiers.RequireSlug(townId, "town.town_id");
        var cleanName = Identifiers.RequireText(name, "town.name", 100);
        if (await db.Towns.AnyAsync(t => t.Id == townId, ct))
        {
            throw CloudException.Exists("town.town_id", $"town '{townId}' already exists");
        }

        var town = new Town { Id = townId, Name = cleanName, CreatedAt = clock.GetUtcNow() };
        db.Towns.Add(town);
        await SaveUniqueAsync("town.town_id", $"town '{townId}' already exists", ct);
        return town;
    }

    public async Task<Village> CreateVillageAsync(string villageId, string townId, string name, IReadOnlyList<string> sealKinds, CancellationToken ct)
    {
        Identifiers.RequireSlug(villageId, "village.village_id");
        Identifiers.RequireSlug(townId, "village.town_id");
        var cleanName = Identifiers.RequireText(name, "village.name", 100);
        var kinds = sealKinds.Count == 0 ? SealKinds.Standard : sealKinds;
        if (kinds.Distinct().Count() != kinds.Count)
        {
            throw CloudException.Invalid("village.seal_kinds", "lists a seal kind twice");
        }

        if (!await db.Towns.AnyAsync(t => t.Id == townId, ct))
        {
            throw CloudException.NotFound("village.town_id", $"town '{townId}' does not exist");
        }

        if (await db.Villages.AnyAsync(v => v.Id == villageId, ct))
        {
            throw CloudException.Exists("village.village_id", $"village '{villageId}' already exists");
        }

        var village = new Village { Id = villageId, TownId = townId, Name = cleanName, CreatedAt = clock.GetUtcNow() };
        village.Seals.AddRange(kinds.Select(k => new VillageSeal { VillageId = villageId, SealKind = k }));
        db.Villages.Add(village);
        await SaveUniqueAsync("village.village_id", $"village '{villageId}' already exists", ct);
        return village;
    }

    public async Task<PagedResult<Village>> ListVillagesAsync(ScopeFilter scope, string? townId, Paging paging, CancellationToken ct)
    {
        var query = VisibleVillages.Apply(db.Villages.AsNoTracking(), scope);
        if (!string.IsNullOrEmpty(townId))
        {
            query = query.Where(v => v.TownId == townId);
        }

        var total = await query.LongCountAsync(ct);
        var items = await query.OrderBy(v => v.Id).Skip(paging.Offset).Take(paging.Size).Include(v => v.Seals).ToListAsync(ct);
        return new PagedResult<Village>(items, total, paging.NextToken(total));
    }

    public async Task<Person> UpsertPersonAsync(string personId, string name, string? phone, CancellationToken ct)
    {
        Identifiers.RequirePersonId(personId, "person.person_id");
        var cleanName = Identifiers.RequireText(name, "person.name", 100);
        var cleanPhone = Identifiers.OptionalText(phone, "person.phone", 32);
        if (cleanPhone.Any(c => !(char.IsAsciiDigit(c) || c is '+' or '-' or ' ')))
        {
            throw CloudException.Invalid("person.phone", "may contain only digits, '+', '-' and spaces");
        }

        var now = clock.GetUtcNow();
        var person = await db.People.Include(p => p.Roles).SingleOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            person = new Person { Id = personId, Name = cleanName, CreatedAt = now };
            db.People.Add(person);
        }

        person.Name = cleanName;
        person.Phone = cleanPhone.Length == 0 ? null : cleanPhone;
        person.UpdatedAt = now;
        await SaveUniqueAsync("person.person_id", $"person '{personId}' was created concurrently; retry", ct);
        return person;
    }

    public async Task<Person> AssignRoleAsync(string personId, RoleAssignmentSpec spec, CancellationToken ct)
    {
        Identifiers.RequirePersonId(personId, "person_id");
        ValidateAssignmentShape(spec);
        var person = await LoadPersonAsync(personId, ct);
        await ValidateAssignmentTargetAsync(spec, ct);
        if (person.Roles.Any(r => Same(r, spec)))
        {
            throw CloudException.Exists("assignment", $"person '{personId}' already holds this role in this scope");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        person.Roles.Add(new RoleAssignment
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Role = spec.Role,
            VillageId = spec.VillageId,
            TownId = spec.TownId,
            SealKind = spec.SealKind,
            AssignedAt = clock.GetUtcNow(),
        });
        person.UpdatedAt = clock.GetUtcNow();
        await SaveUniqueAsync("assignment", $"person '{personId}' already holds this role in this scope", ct);
        await CommitRosterChangeAsync(tx, await rosters.VillagesCoveredAsync(spec.Role, spec.VillageId, spec.TownId, ct), ct);
        return person;
    }

    public async Task<Person> RevokeRoleAsync(string personId, RoleAssignmentSpec spec, CancellationToken ct)
    {
        var person = await LoadPersonAsync(personId, ct);
        var existing = person.Roles.FirstOrDefault(r => Same(r, spec))
            ?? throw CloudException.NotFound("assignment", $"person '{personId}' does not hold this role in this scope");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        person.Roles.Remove(existing);
        db.RoleAssignments.Remove(existing);
        person.UpdatedAt = clock.GetUtcNow();
        await CommitRosterChangeAsync(tx, await rosters.VillagesCoveredAsync(spec.Role, spec.VillageId, spec.TownId, ct), ct);
        return person;
    }

    public async Task<PagedResult<Matter>> ListMattersAsync(string? sealKind, Paging paging, CancellationToken ct)
    {
        var query = db.Matters.AsNoTracking();
        if (sealKind is not null)
        {
            query = query.Where(m => m.AllowedSealKinds.Contains(sealKind));
        }

        var total = await query.LongCountAsync(ct);
        var items = await query.OrderBy(m => m.Code).Skip(paging.Offset).Take(paging.Size).ToListAsync(ct);
        return new PagedResult<Matter>(items, total, paging.NextToken(total));
    }

    /// <summary>Inserts or updates by code, all or nothing.</summary>
    public async Task<MatterImportResult> ImportMattersAsync(string csv, CancellationToken ct)
    {
        var known = (await db.SealKinds.Select(k => k.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var parsed = MatterCsvParser.Parse(csv, known);
        var codes = parsed.Select(m => m.Code).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Matters.Where(m => codes.Contains(m.Code)).ToDictionaryAsync(m => m.Code, ct);
        var now = clock.GetUtcNow();
        int inserted = 0, updated = 0;
        foreach (var matter in parsed)
        {
            if (existing.TryGetValue(matter.Code, out var current))
            {
                current.Name = matter.Name;
                current.AllowedSealKinds = matter.AllowedSealKinds;
                current.ApprovalsRequired = matter.ApprovalsRequired;
                current.HouseBuilding = matter.HouseBuilding;
                current.UpdatedAt = now;
                updated++;
            }
            else
            {
                matter.CreatedAt = now;
                matter.UpdatedAt = now;
                db.Matters.Add(matter);
                inserted++;
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MatterImportResult(inserted, updated);
    }

    /// <summary>People holding a role the scope covers (everyone, with a deployment-wide scope), with their passkey counts.</summary>
    public async Task<PagedResult<(Person Person, int Passkeys, int Unendorsed)>> ListPeopleAsync(
        ScopeFilter scope, string? villageId, string? townId, Paging paging, CancellationToken ct)
    {
        var query = db.People.AsNoTracking();
        if (!scope.Everything)
        {
            var villages = VisibleVillages.Ids(db, scope);
            var towns = scope.TownIds.ToArray();
            query = query.Where(p => p.Roles.Any(r => (r.VillageId != null && villages.Contains(r.VillageId)) || (r.TownId != null && towns.Contains(r.TownId))));
        }

        if (!string.IsNullOrEmpty(villageId))
        {
            query = query.Where(p => p.Roles.Any(r => r.VillageId == villageId));
        }

        if (!string.IsNullOrEmpty(townId))
        {
            var townVillages = db.Villages.Where(v => v.TownId == townId).Select(v => v.Id);
            query = query.Where(p => p.Roles.Any(r => r.TownId == townId || (r.VillageId != null && townVillages.Contains(r.VillageId))));
        }

        var total = await query.LongCountAsync(ct);
        var people = await query.OrderBy(p => p.Id).Skip(paging.Offset).Take(paging.Size).Include(p => p.Roles).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var passkeys = await db.PasskeyCredentials.Where(c => ids.Contains(c.PersonId))
            .GroupBy(c => c.PersonId).Select(g => new { g.Key, Count = g.Count(), Unendorsed = g.Count(c => c.EndorsedAt == null) })
            .ToDictionaryAsync(g => g.Key, ct);
        return new PagedResult<(Person, int, int)>(
            [.. people.Select(p => passkeys.TryGetValue(p.Id, out var k) ? (p, k.Count, k.Unendorsed) : (p, 0, 0))], total, paging.NextToken(total));
    }

    /// <summary>
    /// A one-time enrolment code for the person, replacing an unused one. Whoever holds the code can register a
    /// passkey and act as the person, so the administrator must cover every role the person holds.
    /// </summary>
    public async Task<(string Code, DateTimeOffset ExpiresAt)> InviteAsync(Caller administrator, string personId, int validHours, CancellationToken ct)
    {
        if (validHours is < 0 or > 168)
        {
            throw CloudException.Invalid("valid_hours", $"must be 1..168 (0: 72), was {validHours}");
        }

        var person = await LoadPersonAsync(personId, ct);
        await RequireAdministratorOfEveryRoleAsync(administrator, person, "invite them", ct);

        var now = clock.GetUtcNow();
        var expiresAt = now.AddHours(validHours == 0 ? 72 : validHours);
        var code = EnrolmentCode.NewCode();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.EnrolmentCodes.Where(c => c.PersonId == personId && c.UsedAt == null).ExecuteDeleteAsync(ct);
        db.EnrolmentCodes.Add(new EnrolmentCode
        {
            CodeHash = EnrolmentCode.HashOf(code), PersonId = personId, CreatedBy = administrator.PersonId, CreatedAt = now, ExpiresAt = expiresAt,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (code, expiresAt);
    }

    /// <summary>Sets the caller's own cabinet PIN: a new salt and verifier, sent to the cabinets of every village their custodian roles cover.</summary>
    public async Task<Person> SetCabinetPinAsync(Caller caller, string pin, CancellationToken ct)
    {
        CabinetPin.Validate(pin, "pin");
        var person = await LoadPersonAsync(caller.PersonId, ct);
        var iterations = rosterOptions.Value.PinIterations;
        var (salt, verifier) = CabinetPin.Derive(pin, iterations);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        person.CabinetPinSalt = salt;
        person.CabinetPinVerifier = verifier;
        person.CabinetPinIterations = iterations;
        person.CabinetPinSetAt = clock.GetUtcNow();
        person.UpdatedAt = clock.GetUtcNow();
        await CommitRosterChangeAsync(tx, await rosters.VillagesListingAsync(person.Id, ct), ct);
        return person;
    }

    /// <summary>Registers, replaces or (empty UID) removes the person's access card; the administrator must cover every role they hold.</summary>
    public async Task<Person> SetAccessCardAsync(Caller administrator, string personId, string cardUid, CancellationToken ct)
    {
        var uid = AccessCard.ParseUid(cardUid, "card_uid");
        var person = await LoadPersonAsync(personId, ct);
        await RequireAdministratorOfEveryRoleAsync(administrator, person, "register their card", ct);
        if (uid is not null && await db.People.AnyAsync(p => p.Id != personId && p.AccessCardUid == uid, ct))
        {
            throw CloudException.Exists("card_uid", "this card is registered to another person; remove it there first");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        person.AccessCardUid = uid;
        person.UpdatedAt = clock.GetUtcNow();
        await SaveUniqueAsync("card_uid", "this card is registered to another person; remove it there first", ct);
        await CommitRosterChangeAsync(tx, await rosters.VillagesListingAsync(person.Id, ct), ct);
        return person;
    }

    public async Task<Village> SetCabinetAuthPolicyAsync(string villageId, CabinetAuthPolicy policy, CancellationToken ct)
    {
        Identifiers.RequireSlug(villageId, "village_id");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var village = await db.Villages.Include(v => v.Seals).SingleOrDefaultAsync(v => v.Id == villageId, ct)
            ?? throw CloudException.NotFound("village_id", $"village '{villageId}' does not exist");
        village.CabinetAuthPolicy = policy;
        await CommitRosterChangeAsync(tx, [villageId], ct);
        return village;
    }

    /// <summary>
    /// Revokes all of the person's passkeys and ends their console sessions, in one transaction with one ledger entry per
    /// passkey; decisions they signed before stay verifiable against the registration entries.
    /// </summary>
    public async Task<(Person Person, int Revoked)> RevokePasskeysAsync(Caller administrator, string personId, string reason, CancellationToken ct)
    {
        var cleanReason = Identifiers.RequireText(reason, "reason", 500);
        var person = await LoadPersonAsync(personId, ct);
        await RequireAdministratorOfEveryRoleAsync(administrator, person, "revoke their passkeys", ct);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var credentials = await db.PasskeyCredentials.Where(c => c.PersonId == person.Id).OrderBy(c => c.CreatedAt).ToListAsync(ct);

        // An unendorsed passkey never entered the ledger, so only endorsed ones need a revocation entry.
        foreach (var credential in credentials.Where(c => c.EndorsedAt is not null))
        {
            await ledger.AppendAsync(
                LedgerRecords.CredentialRevoked(person.Id, credential.CredentialId, administrator.PersonId, cleanReason, now.ToUnixTimeMilliseconds()), ct);
        }

        db.PasskeyCredentials.RemoveRange(credentials);
        await db.BrowserSessions.Where(s => s.PersonId == person.Id).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (person, credentials.Count);
    }

    private async Task CommitRosterChangeAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, IReadOnlyCollection<string> villages, CancellationToken ct)
    {
        await rosters.RaiseAsync(villages, ct);
        await tx.CommitAsync(ct);
        if (villages.Count > 0)
        {
            outbox.Notify();
        }
    }

    public async Task RequireAdministratorOfEveryRoleAsync(Caller administrator, Person person, string action, CancellationToken ct)
    {
        foreach (var role in person.Roles)
        {
            var target = (await scopes.Assignment(role.VillageId ?? "", role.TownId ?? "", "person_id", ct))!;
            if (!administrator.HasRoleCovering(PersonRole.Administrator, target))
            {
                throw CloudException.Denied($"person '{person.Id}' holds the role {RoleClaim.Of(role)}, outside your administrator scope; an administrator of {target} must {action}");
            }
        }
    }

    public async Task<Person> LoadPersonAsync(string personId, CancellationToken ct)
    {
        Identifiers.RequirePersonId(personId, "person_id");
        return await db.People.Include(p => p.Roles).SingleOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw CloudException.NotFound("person_id", $"person '{personId}' does not exist");
    }

    private static void ValidateAssignmentShape(RoleAssignmentSpec spec)
    {
        if (spec.Role == PersonRole.Approver)
        {
            if (spec.SealKind is null)
            {
                throw CloudException.Invalid("assignment.seal_kind", "is required for an approver");
            }
        }
        else if (spec.SealKind is not null)
        {
            throw CloudException.Invalid("assignment.seal_kind", "applies to approvers only");
        }

        if (spec.VillageId is null && spec.TownId is null && spec.Role is not (PersonRole.Administrator or PersonRole.Supervisor))
        {
            throw CloudException.Invalid("assignment", "a village_id or town_id is required; only administrators and supervisors may hold a deployment-wide role");
        }
    }

    private async Task ValidateAssignmentTargetAsync(RoleAssignmentSpec spec, CancellationToken ct)
    {
        if (spec.VillageId is not null)
        {
            var seals = await db.VillageSeals.Where(s => s.VillageId == spec.VillageId).Select(s => s.SealKind).ToListAsync(ct);
            if (!await db.Villages.AnyAsync(v => v.Id == spec.VillageId, ct))
            {
                throw CloudException.NotFound("assignment.village_id", $"village '{spec.VillageId}' does not exist");
            }

            if (spec.SealKind is not null && !seals.Contains(spec.SealKind))
            {
                throw CloudException.Invalid("assignment.seal_kind", $"village '{spec.VillageId}' holds no {spec.SealKind} seal");
            }
        }
        else if (spec.TownId is not null)
        {
            if (!await db.Towns.AnyAsync(t => t.Id == spec.TownId, ct))
            {
                throw CloudException.NotFound("assignment.town_id", $"town '{spec.TownId}' does not exist");
            }
        }
    }

    private static bool Same(RoleAssignment r, RoleAssignmentSpec spec) =>
        r.Role == spec.Role && r.VillageId == spec.VillageId && r.TownId == spec.TownId && r.SealKind == spec.SealKind;

    private async Task SaveUniqueAsync(string field, string message, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw CloudException.Exists(field, message);
        }
    }
}
