using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Recording;

/// <summary>
/// Writes notifications inside the caller's transaction, so a notification exists exactly when its fact
/// does; the table's trigger NOTIFYs every replica at commit, and a webhook delivery is queued in the same
/// statement when a webhook is configured.
/// </summary>
internal sealed class NotificationWriter(IOptions<WebhookOptions> webhook)
{
    private const string Sql = """
        WITH n AS (
            INSERT INTO notifications (kind, village_id, town_id, request_id, device_id, audience, title, body, payload, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
            RETURNING id)
        INSERT INTO webhook_deliveries (notification_id, attempts, next_attempt_at, created_at)
        SELECT id, 0, $10, $10 FROM n WHERE $11
        """;

    private readonly bool _webhook = !string.IsNullOrWhiteSpace(webhook.Value.Url);

    public NpgsqlBatchCommand BatchCommand(NotificationDraft draft)
    {
        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.AddRange(Parameters(draft));
        return command;
    }

    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NotificationDraft draft, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddRange(Parameters(draft));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes through the context's connection, inside its current transaction (which must exist).</summary>
    public async Task WriteAsync(CloudDbContext db, NotificationDraft draft, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("A notification is written inside the transaction of its fact.");
        await WriteAsync((NpgsqlConnection)db.Database.GetDbConnection(), transaction, draft, ct);
    }

    private NpgsqlParameter[] Parameters(NotificationDraft d) =>
    [
        new() { Value = (int)d.Kind },
        new() { Value = (object?)d.VillageId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        new() { Value = (object?)d.TownId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        new() { Value = (object?)d.RequestId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
        new() { Value = (object?)d.DeviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
        new() { Value = d.Audience.Distinct(StringComparer.Ordinal).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        new() { Value = d.Title },
        new() { Value = d.Body },
        new() { Value = JsonSerializer.Serialize(new NotificationPayload(d.PressCount, d.EvidenceIds, d.Reason)) },
        new() { Value = d.OccurredAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz },
        new() { Value = _webhook },
    ];
}
