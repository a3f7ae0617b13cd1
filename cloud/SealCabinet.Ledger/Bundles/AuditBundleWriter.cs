using SealCabinet.Ledger.Merkle;
using SealCabinet.Ledger.Signing;

namespace SealCabinet.Ledger.Bundles;

/// <summary>Builds audit bundles from the ledger's tree, rows and signed tree heads.</summary>
public static class AuditBundleWriter
{
    /// <summary>
    /// Builds a bundle. <paramref name="treeHeads"/> must be ascending by size and end with the latest head;
    /// <paramref name="entries"/> must be exactly the rows [first index, latest size) in order. Leaf hashes and proofs
    /// come from <paramref name="tree"/> (the ledger's stored hashes), not from re-hashing the rows, so a row changed
    /// after it was logged shows up as a record that does not hash to its leaf. Consistency proofs are included from
    /// every earlier head and from each of <paramref name="consistencyFromSizes"/> (e.g. a supervisor's saved head).
    /// </summary>
    public static async Task<AuditBundle> CreateAsync(
        MerkleTree tree,
        LedgerPublicKey publicKey,
        IReadOnlyList<SignedTreeHead> treeHeads,
        IReadOnlyList<StoredRecord> entries,
        IEnumerable<ulong>? consistencyFromSizes = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(treeHeads);
        ArgumentNullException.ThrowIfNull(entries);
        if (treeHeads.Count == 0)
        {
            throw new ArgumentException("at least one signed tree head is required", nameof(treeHeads));
        }

        for (var i = 1; i < treeHeads.Count; i++)
        {
            if (treeHeads[i].TreeSize < treeHeads[i - 1].TreeSize)
            {
                throw new ArgumentException($"tree heads must be ascending by size: head {i} has size {treeHeads[i].TreeSize} after {treeHeads[i - 1].TreeSize}", nameof(treeHeads));
            }
        }

        var latest = treeHeads[^1];
        var start = entries.Count == 0 ? latest.TreeSize : entries[0].Index;
        if (start + (ulong)entries.Count != latest.TreeSize)
        {
            throw new ArgumentException($"entries must run from their first index {start} up to the latest tree size {latest.TreeSize} without gaps", nameof(entries));
        }

        var bundleEntries = new List<BundleEntry>(entries.Count);
        const int batch = 4096;
        for (var offset = 0; offset < entries.Count; offset += batch)
        {
            var count = Math.Min(batch, entries.Count - offset);
            var leafHashes = await tree.LeafHashesAsync(start + (ulong)offset, count, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < count; j++)
            {
                var row = entries[offset + j];
                if (row.Index != start + (ulong)(offset + j))
                {
                    throw new ArgumentException($"entry at position {offset + j} has index {row.Index}, expected {start + (ulong)(offset + j)}", nameof(entries));
                }

                var path = await tree.InclusionProofAsync(row.Index, latest.TreeSize, cancellationToken).ConfigureAwait(false);
                bundleEntries.Add(new BundleEntry(row.Index, row.Kind, (byte[])row.Record.Clone(), row.AppendedMs, leafHashes[j], path));
            }
        }

        var sizes = treeHeads.Take(treeHeads.Count - 1).Select(h => h.TreeSize).Concat(consistencyFromSizes ?? [])
            .Where(size => size > 0 && size < latest.TreeSize).Distinct().Order();
        var proofs = new List<BundleConsistencyProof>();
        foreach (var size in sizes)
        {
            var proof = await tree.ConsistencyProofAsync(size, latest.TreeSize, cancellationToken).ConfigureAwait(false);
            proofs.Add(new BundleConsistencyProof(size, latest.TreeSize, proof));
        }

        return new AuditBundle
        {
            PublicKey = publicKey.SubjectPublicKeyInfo,
            TreeHeads = treeHeads,
            EntriesStart = start,
            Entries = bundleEntries,
            ConsistencyProofs = proofs,
        };
    }
}
