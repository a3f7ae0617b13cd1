using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Ledger.Merkle;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>The tree's leaf hashes, read by index range from <c>ledger_entries</c>.</summary>
internal sealed class DatabaseLeafHashSource(CloudDbContext db) : ILeafHashSource
{
    public async ValueTask<IReadOnlyList<byte[]>> GetLeafHashesAsync(ulong start, int count, CancellationToken cancellationToken)
    {
        var first = checked((long)start);
        var end = first + count;
        var hashes = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.Index >= first && e.Index < end)
            .OrderBy(e => e.Index)
            .Select(e => e.LeafHash)
            .ToListAsync(cancellationToken);
        if (hashes.Count != count)
        {
            var present = await db.LedgerEntries.AsNoTracking().Where(e => e.Index >= first && e.Index < end).OrderBy(e => e.Index)
                .Select(e => e.Index).ToListAsync(cancellationToken);
            var missing = Enumerable.Range(0, count).Select(i => first + i).First(i => i >= present.Count + first || present[(int)(i - first)] != i);
            throw CloudException.Precondition(
                $"ledger entry {missing} is missing from the database ({count - hashes.Count} of the {count} entries from index {start}): the ledger cannot be proven; restore it from a backup");
        }

        return hashes;
    }
}
