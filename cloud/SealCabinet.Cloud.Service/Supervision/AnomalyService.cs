using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>
/// Runs the anomaly rules, raises each finding once (unique rule + subject) as a ledger entry with a supervisor
/// notification, and lets supervisors acknowledge or resolve them (also ledger entries).
/// </summary>
internal sealed class AnomalyService(
    CloudDbContext db,
    LedgerAppender ledger,
    SupervisorNotifier notifier,
    IOptions<AnomalyOptions> options,
    TimeProvider clock,
    ILogger<AnomalyService> logger)
{
    /// <summary>Runs every rule; returns the number of new anomalies.</summary>
    public async Task<int> DetectAsync(CancellationToken ct) => await DetectAsync(AnomalyRules.All, ct);

    public async Task<int> DetectAsync(IEnumerable<AnomalyRule> rules, CancellationToken ct)
    {
        var raised = 0;
        foreach (var rule in rules)
        {
            var findings = await SupervisionSql.QueryAsync(db, rule.Sql, r => new AnomalyFinding(
                r.GetString(0), r.IsDBNull(1) ? "" : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetGuid(3), r.GetString(4), (long[])r[5]), ct, Parameters());
            foreach (var finding in findings)
            {
                if (await RaiseAsync(rule.Name, finding, ct))
                {
                    raised++;
                }
            }
        }

        return raised;
    }

    public async Task<PagedResult<Anomaly>> ListAsync(ScopeFilter scope, AnomalyFilter filter, Paging paging, CancellationToken ct)
    {
        var visible = VisibleVillages.Ids(db, scope);
        var query = db.Anomalies.AsNoTracking().Where(a => visible.Contains(a.VillageId));
        if (!string.IsNullOrEmpty(filter.VillageId))
        {
            query = query.Where(a => a.VillageId == filter.VillageId);
        }

        if (!string.IsNullOrEmpty(filter.TownId))
        {
            var townVillages = db.Villages.Where(v => v.TownId == filter.TownId).Select(v => v.Id);
            query = query.Where(a => townVillages.Contains(a.VillageId));
        }

        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses.ToArray();
            query = query.Where(a => statuses.Contains(a.Status));
        }

        if (!string.IsNullOrEmpty(filter.Rule))
        {
            query = query.Where(a => a.Rule == filter.Rule);
        }

        var total = await query.LongCountAsync(ct);
        var items = await query.OrderByDescending(a => a.DetectedAt).ThenBy(a => a.Id).Skip(paging.Offset).Take(paging.Size).ToListAsync(ct);
        return new PagedResult<Anomaly>(items, total, paging.NextToken(total));
    }

    public async Task<Anomaly> UpdateAsync(Caller caller, string anomalyId, AnomalyStatus status, string? note, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(anomalyId, "anomaly_id");
        if (status is not (AnomalyStatus.Acknowledged or AnomalyStatus.Resolved))
        {
            throw CloudException.Invalid("status", "must be ACKNOWLEDGED or RESOLVED");
        }

        var cleanNote = status == AnomalyStatus.Resolved
            ? Identifiers.RequireText(note, "note", 1000)
            : Identifiers.OptionalText(note, "note", 1000);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var anomaly = await db.Anomalies.FromSql($"SELECT * FROM anomalies WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct)
            ?? throw CloudException.NotFound("anomaly_id", $"anomaly '{anomalyId}' does not exist");
        var townId = await db.Villages.Where(v => v.Id == anomaly.VillageId).Select(v => v.TownId).SingleOrDefaultAsync(ct);
        if (!caller.HasRoleCovering(PersonRole.Supervisor, ScopeTarget.ForVillage(anomaly.VillageId, townId ?? "")))
        {
            throw CloudException.Denied($"only a supervisor of village {anomaly.VillageId} may update this anomaly");
        }

        if (anomaly.Status == AnomalyStatus.Resolved)
        {
            throw CloudException.Precondition($"anomaly {anomaly.Id} is already resolved");
        }

        var now = clock.GetUtcNow();
        anomaly.Status = status;
        anomaly.Note = cleanNote;
        anomaly.UpdatedBy = caller.PersonId;
        anomaly.UpdatedAt = now;
        await ledger.AppendAsync(
            LedgerRecords.AnomalyUpdated(anomaly.Id.ToString("D"), status == AnomalyStatus.Resolved ? "resolved" : "acknowledged", caller.PersonId, cleanNote, now.ToUnixTimeMilliseconds()),
            ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Anomaly {AnomalyId} {Status} by {Person}", anomaly.Id, status, caller.PersonId);
        return anomaly;
    }

    /// <summary>Raises one finding unless (rule, subject) was raised before; the row, ledger entry and notification share one transaction.</summary>
    public async Task<bool> RaiseAsync(string rule, AnomalyFinding finding, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var anomaly = new Anomaly
        {
            Id = Guid.NewGuid(),
            Rule = rule,
            Subject = finding.Subject,
            VillageId = finding.VillageId,
            DeviceId = finding.DeviceId,
            RequestId = finding.RequestId,
            Summary = finding.Summary.Length > 1000 ? finding.Summary[..1000] : finding.Summary,
            Evidence = finding.Evidence,
            Status = AnomalyStatus.Open,
            DetectedAt = now,
            UpdatedAt = now,
        };
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO anomalies (id, rule, subject, village_id, device_id, request_id, summary, evidence, ledger_index, status, note, detected_at, updated_at)
            VALUES ({anomaly.Id}, {rule}, {anomaly.Subject}, {anomaly.VillageId}, {anomaly.DeviceId}, {anomaly.RequestId}, {anomaly.Summary},
                    {anomaly.Evidence}, -1, 'Open', '', {now}, {now})
            ON CONFLICT (rule, subject) DO NOTHING
            """, ct);
        if (inserted == 0)
        {
            return false;
        }

        anomaly.LedgerIndex = await ledger.AppendAsync(
            LedgerRecords.AnomalyRaised(anomaly.Id.ToString("D"), rule, anomaly.Summary, anomaly.Evidence, now.ToUnixTimeMilliseconds()), ct);
        await db.Database.ExecuteSqlAsync($"UPDATE anomalies SET ledger_index = {anomaly.LedgerIndex} WHERE id = {anomaly.Id}", ct);
        await notifier.NotifyAsync(anomaly, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private NpgsqlParameter[] Parameters()
    {
        var o = options.Value;
        return
        [
            new("now", NpgsqlDbType.TimestampTz) { Value = clock.GetUtcNow().UtcDateTime },
            new("offline", NpgsqlDbType.Interval) { Value = o.OfflineThreshold },
            new("skew", NpgsqlDbType.Interval) { Value = o.ClockSkewThreshold },
            new("tz", NpgsqlDbType.Text) { Value = o.TimeZone },
            new("days", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = o.OfficeDays },
            new("start", NpgsqlDbType.Time) { Value = o.OfficeStart.ToTimeSpan() },
            new("end", NpgsqlDbType.Time) { Value = o.OfficeEnd.ToTimeSpan() },
        ];
    }
}
