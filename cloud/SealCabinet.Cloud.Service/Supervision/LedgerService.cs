using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Ledger.Merkle;
using SealCabinet.Ledger.Signing;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Reads of the ledger (heads, proofs, entries) and tree-head signing.</summary>
internal sealed class LedgerService(
    CloudDbContext db, LedgerKeySource keys, SecurityEventRecorder security, TimeProvider clock, ILogger<LedgerService> logger)
{
    public const int MaxEntriesPerCall = 1000;

    /// <summary>The advisory lock key that deduplicates periodic signing across replicas.</summary>
    private const long SigningLockKey = 0x5EA1_1ED6E5;

    public LedgerPublicKey PublicKey => keys.Key.PublicKey;

    private MerkleTree Tree => new(new DatabaseLeafHashSource(db), new DatabaseSubtreeHashCache(db));

    /// <summary>Entries committed so far (a prefix of the ledger: see <see cref="LedgerAppender"/>).</summary>
    public async Task<ulong> SizeAsync(CancellationToken ct) =>
        (ulong)(await db.Database.SqlQuery<long>($"""SELECT COALESCE(MAX(index) + 1, 0) AS "Value" FROM ledger_entries""").ToListAsync(ct))[0];

    /// <summary>The latest signed head; the first call on an empty history signs one.</summary>
    public async Task<SignedTreeHead> LatestHeadAsync(CancellationToken ct)
    {
        var latest = await db.LedgerTreeHeads.AsNoTracking().OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct);
        return latest is null ? await SignAsync(ct) : ToSigned(latest);
    }

    /// <summary>The stored signed heads covering at least <paramref name="minTreeSize"/> entries, in signing order.</summary>
    public async Task<PagedResult<SignedTreeHead>> TreeHeadsAsync(ulong minTreeSize, Paging paging, CancellationToken ct)
    {
        var min = checked((long)minTreeSize);
        var query = db.LedgerTreeHeads.AsNoTracking().Where(h => h.TreeSize >= min);
        var total = await query.LongCountAsync(ct);
        var heads = await query.OrderBy(h => h.Id).Skip(paging.Offset).Take(paging.Size).ToListAsync(ct);
        return new PagedResult<SignedTreeHead>([.. heads.Select(ToSigned)], total, paging.NextToken(total));
    }

    /// <summary>
    /// Signs a head over the current ledger now, only if it extends the latest signed head: never smaller, and its
    /// first entries still hashing to that head's root. Otherwise nothing is signed, supervisors are alarmed once per
    /// finding, and the call fails naming what changed: the key must not vouch for a truncated or rewritten history.
    /// </summary>
    public async Task<SignedTreeHead> SignAsync(CancellationToken ct)
    {
        var size = await SizeAsync(ct);
        var previous = await db.LedgerTreeHeads.AsNoTracking().OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct);
        if (previous is not null)
        {
            await RequireExtendsAsync(previous, size, ct);
        }

        var root = await Tree.RootHashAsync(size, ct);
        var head = keys.Key.Sign(size, root, clock.GetUtcNow().ToUnixTimeMilliseconds());
        db.LedgerTreeHeads.Add(new LedgerTreeHead
        {
            TreeSize = (long)head.TreeSize,
            RootHash = head.RootHash,
            TimestampMs = head.TimestampMs,
            Signature = head.Signature,
            KeyId = head.KeyId,
        });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Signed tree head: size {TreeSize}, root {Root}", head.TreeSize, Convert.ToHexStringLower(head.RootHash));
        return head;
    }

    /// <summary>
    /// Signs a head when the ledger grew since the latest head, once across all replicas (advisory lock; a replica
    /// that finds it taken skips the round). Returns the new head or null.
    /// </summary>
    public async Task<SignedTreeHead?> SignIfGrownAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = (await db.Database.SqlQuery<bool>($"""SELECT pg_try_advisory_xact_lock({SigningLockKey}) AS "Value" """).ToListAsync(ct))[0];
        if (!locked)
        {
            return null;
        }

        var latestSize = await db.LedgerTreeHeads.OrderByDescending(h => h.Id).Select(h => (long?)h.TreeSize).FirstOrDefaultAsync(ct);
        var size = await SizeAsync(ct);
        if (latestSize is { } s && (ulong)s == size)
        {
            return null;
        }

        var head = await SignAsync(ct);
        await tx.CommitAsync(ct);
        return head;
    }

    public async Task<IReadOnlyList<byte[]>> InclusionProofAsync(ulong index, ulong treeSize, CancellationToken ct)
    {
        var size = await SizeAsync(ct);
        if (treeSize == 0 || treeSize > size)
        {
            throw CloudException.Invalid("tree_size", $"must be 1..{size} (the current ledger size), was {treeSize}");
        }

        if (index >= treeSize)
        {
            throw CloudException.Invalid("index", $"must be below tree_size {treeSize}, was {index}");
        }

        return await Tree.InclusionProofAsync(index, treeSize, ct);
    }

    public async Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(ulong firstSize, ulong secondSize, CancellationToken ct)
    {
        var size = await SizeAsync(ct);
        if (secondSize > size)
        {
            throw CloudException.Invalid("second_size", $"must be at most {size} (the current ledger size), was {secondSize}");
        }

        if (firstSize == 0 || firstSize > secondSize)
        {
            throw CloudException.Invalid("first_size", $"must be 1..{secondSize} (second_size), was {firstSize}");
        }

        return await Tree.ConsistencyProofAsync(firstSize, secondSize, ct);
    }

    public async Task<IReadOnlyList<LedgerEntry>> EntriesAsync(ulong start, ulong end, CancellationToken ct)
    {
        if (end <= start)
        {
            throw CloudException.Invalid("end", $"must be above start {start}, was {end}");
        }

        if (end - start > MaxEntriesPerCall)
        {
            throw CloudException.Invalid("end", $"at most {MaxEntriesPerCall} entries per call; asked for {end - start}");
        }

        var first = checked((long)start);
        var last = checked((long)end);
        return await db.LedgerEntries.AsNoTracking().Where(e => e.Index >= first && e.Index < last).OrderBy(e => e.Index).ToListAsync(ct);
    }

    private async Task RequireExtendsAsync(LedgerTreeHead previous, ulong size, CancellationToken ct)
    {
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(previous.TimestampMs).ToString("u", System.Globalization.CultureInfo.InvariantCulture);
        string? problem = null;
        if (size < (ulong)previous.TreeSize)
        {
            problem = $"the ledger holds {size} entries but the head signed at {signedAt} covers {previous.TreeSize}: entries were removed";
        }
        else if (previous.TreeSize > 0 && !(await Tree.RootHashAsync((ulong)previous.TreeSize, ct)).AsSpan().SequenceEqual(previous.RootHash))
        {
            problem = $"the first {previous.TreeSize} entries no longer hash to the root of the head signed at {signedAt}: the history was rewritten";
        }

        if (problem is null)
        {
            return;
        }

        // Periodic signing meets the same finding every round: one security event (and notification) per finding.
        if (!await db.SecurityEvents.AnyAsync(e => e.Kind == SecurityEventKinds.LedgerRollback && e.Detail == problem, ct))
        {
            await security.RecordAsync(null, null, SecurityEventKinds.LedgerRollback, null, null, problem, ct);
        }

        logger.LogError("Refused to sign a tree head: {Problem}", problem);
        throw CloudException.Precondition($"no tree head signed: {problem}; restore the ledger rows from a backup (docs/supervision.md §7)");
    }

    private static SignedTreeHead ToSigned(LedgerTreeHead h) => new((ulong)h.TreeSize, h.RootHash, h.TimestampMs, h.Signature, h.KeyId);
}
