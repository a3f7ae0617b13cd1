using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Grants;
using SealCabinet.Cloud.Service.Mqtt;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Cloud.Service.Devices;

/// <summary>The registry of cabinets: registration, secrets, decommissioning.</summary>
internal sealed class DeviceService(
    CloudDbContext db,
    MasterKeyProtector protector,
    IDeviceSessions sessions,
    LedgerAppender ledger,
    GrantRekeying rekeying,
    OutboxSignal outbox,
    CallerAccessor callers,
    TimeProvider clock,
    ILogger<DeviceService> logger)
{
    public async Task<CabinetRegistration> RegisterAsync(
        string villageId, string name, string? location, IReadOnlyList<SleeveSpec> sleeves, CancellationToken ct)
    {
        Identifiers.RequireSlug(villageId, "village_id");
        var cleanName = Identifiers.RequireText(name, "name", 100);
        var cleanLocation = Identifiers.OptionalText(location, "location", 200);
        var villageSeals = await db.VillageSeals.Where(s => s.VillageId == villageId).Select(s => s.SealKind).ToListAsync(ct);
        if (villageSeals.Count == 0 && !await db.Villages.AnyAsync(v => v.Id == villageId, ct))
        {
            throw CloudException.NotFound("village_id", $"village '{villageId}' does not exist");
        }

        var layout = sleeves.Count == 0 ? DefaultLayout(villageSeals) : sleeves;
        ValidateLayout(layout, villageSeals);

        var deviceId = "cab-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = DeviceKeys.NewSecret();
        var cabinet = new Cabinet
        {
            DeviceId = deviceId,
            VillageId = villageId,
            Name = cleanName,
            Location = cleanLocation,
            Status = CabinetStatus.Registered,
            EncryptedSecret = protector.Seal(deviceId, secret),
            SecretVersion = 1,
            RegisteredAt = clock.GetUtcNow(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        cabinet.Sleeves.AddRange(layout.Select(s => new CabinetSleeve
        {
            DeviceId = deviceId,
            Number = s.Number,
            SealKind = s.SealKind,
            State = SleeveState.Unknown,
        }));
        db.Cabinets.Add(cabinet);
        await db.SaveChangesAsync(ct);
        await ledger.AppendAsync(
            LedgerRecords.DeviceRegistered(deviceId, villageId, callers.Caller.PersonId, cabinet.RegisteredAt.ToUnixTimeMilliseconds()), ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Registered cabinet {DeviceId} in village {VillageId}", deviceId, villageId);
        return new CabinetRegistration(cabinet, secret);
    }

    public async Task<Cabinet> GetAsync(string deviceId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(deviceId))
        {
            throw CloudException.Invalid("device_id", "is required");
        }

        return await db.Cabinets.AsNoTracking().Include(c => c.Sleeves).SingleOrDefaultAsync(c => c.DeviceId == deviceId, ct)
            ?? throw CloudException.NotFound("device_id", $"cabinet '{Identifiers.Shorten(deviceId)}' does not exist");
    }

    public async Task<PagedResult<Cabinet>> ListAsync(
        ScopeFilter scope, string? villageId, string? townId, bool includeDecommissioned, Paging paging, CancellationToken ct)
    {
        var visible = VisibleVillages.Ids(db, scope);
        var query = db.Cabinets.AsNoTracking().Where(c => visible.Contains(c.VillageId));
        if (!string.IsNullOrEmpty(villageId))
        {
            query = query.Where(c => c.VillageId == villageId);
        }

        if (!string.IsNullOrEmpty(townId))
        {
            query = query.Where(c => c.Village!.TownId == townId);
        }

        if (!includeDecommissioned)
        {
            query = query.Where(c => c.Status != CabinetStatus.Decommissioned);
        }

        var total = await query.LongCountAsync(ct);
        var items = await query.OrderBy(c => c.VillageId).ThenBy(c => c.DeviceId)
            .Skip(paging.Offset).Take(paging.Size).Include(c => c.Sleeves).ToListAsync(ct);
        return new PagedResult<Cabinet>(items, total, paging.NextToken(total));
    }

    public async Task<DecommissionResult> DecommissionAsync(string deviceId, string reason, CancellationToken ct)
    {
        var cleanReason = Identifiers.RequireText(reason, "reason", 500);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cabinet = await LockAsync(deviceId, ct);
        if (cabinet.Status == CabinetStatus.Decommissioned)
        {
            throw CloudException.Precondition($"cabinet '{deviceId}' is already decommissioned");
        }

        var now = clock.GetUtcNow();
        cabinet.Status = CabinetStatus.Decommissioned;
        cabinet.DecommissionedAt = now;
        cabinet.DecommissionReason = cleanReason;
        var revoked = await db.Grants
            .Where(g => g.DeviceId == deviceId && (g.State == GrantState.Issued || g.State == GrantState.Delivered || g.State == GrantState.Accepted))
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.State, GrantState.Revoked).SetProperty(g => g.StateChangedAt, now), ct);
        await ledger.AppendAsync(
            LedgerRecords.DeviceDecommissioned(deviceId, callers.Caller.PersonId, cleanReason, now.ToUnixTimeMilliseconds()), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogWarning("Decommissioned cabinet {DeviceId}; {Revoked} live grants revoked", deviceId, revoked);
        await sessions.DisconnectAsync(deviceId, ct);
        return new DecommissionResult(cabinet, revoked);
    }

    /// <summary>
    /// A new secret for the cabinet (for its re-provisioning), in one transaction with a <c>device.secret.rotated</c>
    /// ledger entry naming who did it and its live grants signed again under the new grant key (Grants/GrantRekeying).
    /// </summary>
    public async Task<byte[]> RotateSecretAsync(string deviceId, CancellationToken ct)
    {
        var rotatedBy = callers.Caller.PersonId;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cabinet = await LockAsync(deviceId, ct);
        if (cabinet.Status == CabinetStatus.Decommissioned)
        {
            throw CloudException.Precondition($"cabinet '{deviceId}' is decommissioned");
        }

        var secret = DeviceKeys.NewSecret();
        var now = clock.GetUtcNow();
        cabinet.EncryptedSecret = protector.Seal(deviceId, secret);
        cabinet.SecretVersion++;
        var resigned = await rekeying.ResignAsync(deviceId, DeviceKeys.Derive(secret, DeviceKeys.GrantPurpose), now, ct);
        await ledger.AppendAsync(LedgerRecords.DeviceSecretRotated(deviceId, cabinet.SecretVersion, rotatedBy, resigned, now.ToUnixTimeMilliseconds()), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.Notify();
        logger.LogWarning(
            "Rotated the secret of cabinet {DeviceId} to version {Version} ({Person}); {Resigned} live grants signed again", deviceId, cabinet.SecretVersion, rotatedBy, resigned);
        await sessions.DisconnectAsync(deviceId, ct);
        return secret;
    }

    /// <summary>
    /// Lets the cabinet's next CHAIN_RESTART event (seq 1 of the next epoch) start a new chain; recorded as a
    /// <c>chain-restart-authorized</c> security event naming who authorised it and why.
    /// </summary>
    public async Task<int> AuthorizeChainRestartAsync(string deviceId, string reason, string authorisedBy, CancellationToken ct)
    {
        var cleanReason = Identifiers.RequireText(reason, "reason", 500);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cabinet = await LockAsync(deviceId, ct);
        if (cabinet.Status == CabinetStatus.Decommissioned)
        {
            throw CloudException.Precondition($"cabinet '{deviceId}' is decommissioned");
        }

        cabinet.AuthorizedChainEpoch = cabinet.ChainEpoch + 1;
        await ledger.AppendAsync(
            LedgerRecords.ChainRestartAuthorized(
                deviceId, cabinet.AuthorizedChainEpoch.Value, authorisedBy, cleanReason, clock.GetUtcNow().ToUnixTimeMilliseconds()),
            ct);
        db.SecurityEvents.Add(new SecurityEvent
        {
            DeviceId = deviceId,
            Kind = SecurityEventKinds.ChainRestartAuthorized,
            ChainEpoch = cabinet.AuthorizedChainEpoch,
            Seq = cabinet.LastSeq,
            Detail = $"authorised by {authorisedBy} after seq {cabinet.LastSeq} of epoch {cabinet.ChainEpoch}: {cleanReason}",
            OccurredAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogWarning(
            "{Person} authorised chain restart of cabinet {DeviceId} to epoch {Epoch}: {Reason}", authorisedBy, deviceId, cabinet.AuthorizedChainEpoch, cleanReason);
        return cabinet.AuthorizedChainEpoch.Value;
    }

    private async Task<Cabinet> LockAsync(string deviceId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(deviceId))
        {
            throw CloudException.Invalid("device_id", "is required");
        }

        var cabinet = await db.Cabinets.FromSql($"SELECT * FROM cabinets WHERE device_id = {deviceId} FOR UPDATE")
            .Include(c => c.Sleeves).SingleOrDefaultAsync(ct);
        return cabinet ?? throw CloudException.NotFound("device_id", $"cabinet '{Identifiers.Shorten(deviceId)}' does not exist");
    }

    private static List<SleeveSpec> DefaultLayout(IEnumerable<string> villageSeals)
    {
        var ordered = villageSeals.OrderBy(k => SealKinds.Standard.ToList().IndexOf(k) is var i and >= 0 ? i : int.MaxValue).ThenBy(k => k, StringComparer.Ordinal);
        return [.. ordered.Select((kind, i) => new SleeveSpec(i + 1, kind))];
    }

    private static void ValidateLayout(IReadOnlyList<SleeveSpec> sleeves, IReadOnlyCollection<string> villageSeals)
    {
        foreach (var sleeve in sleeves)
        {
            if (sleeve.Number is < 1 or > 3)
            {
                throw CloudException.Invalid("sleeves.number", $"must be 1..3, was {sleeve.Number}");
            }

            if (!villageSeals.Contains(sleeve.SealKind))
            {
                throw CloudException.Invalid("sleeves.seal_kind", $"the village holds no {sleeve.SealKind} seal");
            }
        }

        if (sleeves.Select(s => s.Number).Distinct().Count() != sleeves.Count)
        {
            throw CloudException.Invalid("sleeves.number", "a sleeve number appears twice");
        }

        if (sleeves.Select(s => s.SealKind).Distinct().Count() != sleeves.Count || sleeves.Count != villageSeals.Count)
        {
            throw CloudException.Invalid("sleeves", "there must be exactly one sleeve per seal kind of the village");
        }
    }
}
