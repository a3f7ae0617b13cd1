using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>
/// Usage statistics of a village or a town over [from, to), aggregated in PostgreSQL (GROUP BY, percentile_cont).
/// Definitions are in docs/supervision.md ("Statistics").
/// </summary>
internal sealed class StatisticsService(CloudDbContext db, IOptions<StatisticsOptions> options)
{
    private const string Villages = "(SELECT id FROM villages WHERE id = @village OR town_id = @town)";

    private const string Stampings = $"""
        FROM grants g JOIN seal_requests r ON r.id = g.request_id
        WHERE g.state = 'Used' AND r.village_id IN {Villages} AND g.state_changed_at >= @from AND g.state_changed_at < @to
        """;

    /// <summary>The first press of the grant, else (no press event stored) the time the grant became USED.</summary>
    private static readonly string StampTime =
        $"COALESCE((SELECT min(COALESCE(e.device_time, e.received_at)) FROM device_events e WHERE e.grant_id = g.id AND e.event_type = {DeviceEventCodes.Press}), g.state_changed_at)";

    public async Task<UsageStatistics> ComputeAsync(string? villageId, string? townId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(villageId) == string.IsNullOrEmpty(townId))
        {
            throw CloudException.Invalid("village_id", "exactly one of village_id and town_id is required");
        }

        if (to <= from)
        {
            throw CloudException.Invalid("to", "must be after from");
        }

        NpgsqlParameter[] P() =>
        [
            new("village", NpgsqlDbType.Text) { Value = villageId ?? "" },
            new("town", NpgsqlDbType.Text) { Value = townId ?? "" },
            new("from", NpgsqlDbType.TimestampTz) { Value = from.UtcDateTime },
            new("to", NpgsqlDbType.TimestampTz) { Value = to.UtcDateTime },
        ];

        async Task<List<(string, long, long)>> Grouped(string key) => await SupervisionSql.QueryAsync(
            db, $"SELECT {key}, count(*), COALESCE(sum(g.presses_used), 0) {Stampings} GROUP BY 1 ORDER BY 2 DESC, 1",
            r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2)), ct, P());

        var bySeal = await Grouped("g.seal_kind");
        var byMatter = await Grouped("g.matter_code");
        var byCustodian = await Grouped("r.custodian_id");
        var outcomes = await SupervisionSql.QueryAsync(db, $"""
            SELECT state, count(*) FROM seal_requests
            WHERE village_id IN {Villages} AND submitted_at >= @from AND submitted_at < @to GROUP BY 1 ORDER BY 1
            """, r => (r.GetString(0), r.GetInt64(1)), ct, P());
        var submitToApprove = await LatencyAsync($"""
            SELECT extract(epoch FROM approved_at - submitted_at)::float8 AS s FROM seal_requests
            WHERE approved_at IS NOT NULL AND village_id IN {Villages} AND approved_at >= @from AND approved_at < @to
            """, P(), ct);
        var approveToStamp = await LatencyAsync($"""
            SELECT extract(epoch FROM {StampTime} - r.approved_at)::float8 AS s {Stampings} AND r.approved_at IS NOT NULL
            """, P(), ct);
        var uptime = await UptimeAsync(P(), ct);
        return new UsageStatistics(bySeal, byMatter, byCustodian, outcomes, submitToApprove, approveToStamp, uptime);
    }

    private async Task<LatencyFigures> LatencyAsync(string samples, NpgsqlParameter[] parameters, CancellationToken ct) =>
        (await SupervisionSql.QueryAsync(db, $"""
            SELECT count(s), COALESCE(avg(s), 0), COALESCE(percentile_cont(0.5) WITHIN GROUP (ORDER BY s), 0),
                   COALESCE(percentile_cont(0.9) WITHIN GROUP (ORDER BY s), 0)
            FROM ({samples}) AS samples
            """, r => new LatencyFigures(r.GetInt64(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3)), ct, parameters))[0];

    /// <summary>
    /// Uptime from device events: the cabinet's in-service part of the period minus every silence longer than
    /// <see cref="StatisticsOptions.OfflineGap"/> between consecutive events (and before the first / after the last).
    /// </summary>
    private async Task<IReadOnlyList<(string, double)>> UptimeAsync(NpgsqlParameter[] parameters, CancellationToken ct)
    {
        var gap = new NpgsqlParameter("gap", NpgsqlDbType.Interval) { Value = options.Value.OfflineGap };
        return await SupervisionSql.QueryAsync(db, $"""
            WITH c AS (
                SELECT device_id, greatest(@from, registered_at) AS s, least(@to, COALESCE(decommissioned_at, @to)) AS e
                FROM cabinets WHERE village_id IN {Villages}
            ), marks AS (
                SELECT c.device_id, c.s, c.e, t FROM c
                CROSS JOIN LATERAL (
                    SELECT c.s AS t UNION ALL SELECT c.e
                    UNION ALL SELECT received_at FROM device_events d WHERE d.device_id = c.device_id AND d.received_at > c.s AND d.received_at < c.e
                ) AS m
            ), gaps AS (
                SELECT device_id, s, e, t - lag(t) OVER (PARTITION BY device_id ORDER BY t) AS g FROM marks
            )
            SELECT device_id,
                   CASE WHEN max(e) <= max(s) THEN 0
                        ELSE greatest(0, 1 - extract(epoch FROM COALESCE(sum(g) FILTER (WHERE g > @gap), interval '0'))
                                             / extract(epoch FROM max(e) - max(s))) END::float8
            FROM gaps GROUP BY device_id ORDER BY device_id
            """, r => (r.GetString(0), r.GetDouble(1)), ct, [.. parameters, gap]);
    }
}
