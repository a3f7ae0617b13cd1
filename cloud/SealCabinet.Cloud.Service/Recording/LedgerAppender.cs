using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Cloud.Service.Recording;

/// <summary>
/// Appends ledger entries inside the caller's transaction. A transaction-scoped advisory lock serialises appenders
/// across all replicas until commit, so the next index is MAX + 1 of what is committed: indexes are dense, a rolled
/// back transaction leaves no gap, and commit order equals index order (every snapshot sees a prefix of the ledger).
/// </summary>
internal sealed class LedgerAppender(CloudDbContext db, TimeProvider clock)
{
    /// <summary>The advisory lock key of the ledger (any constant unique in this database).</summary>
    public const long AppendLockKey = 0x5EA1_1ED6E4;

    public async Task<long> AppendAsync(LedgerRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A ledger entry must be appended inside the transaction of the fact it records.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})", ct);
        var bytes = record.Bytes;
        var leaf = record.LeafHash();
        var now = clock.GetUtcNow();
        var index = await db.Database.SqlQuery<long>($"""
            INSERT INTO ledger_entries (index, kind, record, leaf_hash, appended_at)
            SELECT COALESCE(MAX(index) + 1, 0), {record.Kind}, {bytes}, {leaf}, {now} FROM ledger_entries
            RETURNING index AS "Value"
            """).ToListAsync(ct);
        return index[0];
    }

    /// <summary>
    /// Appends <paramref name="records"/> in order on a raw connection inside <paramref name="transaction"/> (the
    /// ingestion pipeline's batch transaction), under the same advisory lock and index rule as <see cref="AppendAsync"/>.
    /// </summary>
    public static async Task AppendBatchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LedgerRecord> records, DateTimeOffset now, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in AppendCommands(records, now))
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The two statements of an append, for a caller's batch inside its transaction: take the advisory lock, then
    /// insert at MAX + 1 (a separate statement, so its snapshot is taken after the lock is held).
    /// </summary>
    public static NpgsqlBatchCommand[] AppendCommands(IReadOnlyList<LedgerRecord> records, DateTimeOffset now)
    {
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO ledger_entries (index, kind, record, leaf_hash, appended_at)
            SELECT base.n + u.o - 1, u.kind, u.record, u.leaf, $4
            FROM (SELECT COALESCE(MAX(index) + 1, 0) AS n FROM ledger_entries) AS base,
                 unnest($1::text[], $2::bytea[], $3::bytea[]) WITH ORDINALITY AS u(kind, record, leaf, o)
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Kind).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.Bytes).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        insert.Parameters.Add(new NpgsqlParameter { Value = records.Select(r => r.LeafHash()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        insert.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return [new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({AppendLockKey})"), insert];
    }
}
