using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Ledger.Merkle;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Complete-subtree hashes kept in <c>ledger_subtree_hashes</c> (shared by all replicas).</summary>
internal sealed class DatabaseSubtreeHashCache(CloudDbContext db) : ISubtreeHashCache
{
    public async ValueTask<byte[]?> TryGetAsync(int level, ulong index, CancellationToken cancellationToken)
    {
        var i = checked((long)index);
        return await db.LedgerSubtreeHashes.AsNoTracking()
            .Where(s => s.Level == level && s.Index == i)
            .Select(s => s.Hash)
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async ValueTask StoreAsync(int level, ulong index, byte[] hash, CancellationToken cancellationToken)
    {
        var i = checked((long)index);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO ledger_subtree_hashes (level, index, hash) VALUES ({level}, {i}, {hash}) ON CONFLICT DO NOTHING",
            cancellationToken);
    }
}
