using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Cloud.Service.Supervision;

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
}
