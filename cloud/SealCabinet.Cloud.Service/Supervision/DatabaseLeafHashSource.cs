using Microsoft.EntityFrameworkCore;
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
            throw new ArgumentOutOfRangeException(nameof(start), start, $"the ledger holds {hashes.Count} of the {count} entries from index {start}");
        }

        return hashes;
    }
}
