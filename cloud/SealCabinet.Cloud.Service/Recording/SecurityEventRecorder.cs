using Npgsql;
using NpgsqlTypes;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Recording;

/// <summary>
/// Writes <c>security_events</c> rows, and for the kinds supervisors must hear of a SECURITY_EVENT
/// notification to the supervisors of the cabinet's village, in the same transaction.
/// </summary>
internal sealed class SecurityEventRecorder(PostgresConnections database, NotificationWriter notifications, TimeProvider clock)
{
    private const string InsertSql = "INSERT INTO security_events (device_id, kind, seq, chain_epoch, detail, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)";

    private const string PlaceSql = "SELECT c.village_id, v.town_id FROM cabinets c JOIN villages v ON v.id = c.village_id WHERE c.device_id = $1";

    /// <summary>Adds the rows to a batch of the caller's transaction.</summary>
    public void AddTo(NpgsqlBatch batch, string? deviceId, CabinetPlace? place, string kind, long? seq, int? epoch, string detail, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        command.Parameters.AddRange(Parameters(deviceId, kind, seq, epoch, detail, now));
        batch.BatchCommands.Add(command);
        if (SecurityEventKinds.NotifiesSupervisors(kind))
        {
            batch.BatchCommands.Add(notifications.BatchCommand(Draft(deviceId, place?.VillageId, place?.TownId, kind, detail, now)));
        }
    }

    /// <summary>Adds the rows inside the caller's transaction.</summary>
    public async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string? deviceId, string? villageId, string? townId,
        string kind, long? seq, int? epoch, string detail, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
        command.Parameters.AddRange(Parameters(deviceId, kind, seq, epoch, detail, now));
        await command.ExecuteNonQueryAsync(ct);
        if (SecurityEventKinds.NotifiesSupervisors(kind))
        {
            await notifications.WriteAsync(connection, transaction, Draft(deviceId, villageId, townId, kind, detail, now), ct);
        }
    }

    /// <summary>Records in a transaction of its own (for refusals, whose batch stores nothing).</summary>
    public async Task RecordAsync(string? deviceId, CabinetPlace? place, string kind, long? seq, int? epoch, string detail, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (villageId, townId) = (place?.VillageId, place?.TownId);
        if (place is null && deviceId is not null)
        {
            await using var lookup = new NpgsqlCommand(PlaceSql, connection, transaction);
            lookup.Parameters.Add(new NpgsqlParameter { Value = deviceId });
            await using var reader = await lookup.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                (villageId, townId) = (reader.GetString(0), reader.GetString(1));
            }
        }

        await WriteAsync(connection, transaction, deviceId, villageId, townId, kind, seq, epoch, detail, clock.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
    }

    private static NpgsqlParameter[] Parameters(string? deviceId, string kind, long? seq, int? epoch, string detail, DateTimeOffset now) =>
    [
        new() { Value = (object?)deviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        new() { Value = kind },
        new() { Value = (object?)seq ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
        new() { Value = (object?)epoch ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
        new() { Value = detail },
        new() { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz },
    ];

    private static NotificationDraft Draft(string? deviceId, string? villageId, string? townId, string kind, string detail, DateTimeOffset now) =>
        new(NotificationKind.SecurityEvent, villageId, townId, null, deviceId, [Audience.Supervisors],
            $"安全事件 {kind}", deviceId is null ? detail : $"印章柜 {deviceId}: {detail}", now)
        {
            Reason = kind,
        };
}
