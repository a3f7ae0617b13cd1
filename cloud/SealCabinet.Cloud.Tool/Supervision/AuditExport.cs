using Google.Protobuf;
using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Bundles;
using BundleHead = SealCabinet.Ledger.Signing.SignedTreeHead;

namespace SealCabinet.Cloud.Tool.Supervision;

/// <summary>
/// Builds an audit bundle (docs/supervision.md §5) from the Audit RPCs: the latest head, every earlier head the service
/// signed over the bundle's range (one per tree size) with a consistency proof from each to the latest — so the history
/// is checked against the service's own earlier heads, not only against a head the supervisor saved — and the entries
/// with their inclusion proofs.
/// </summary>
internal static class AuditExport
{
    public static async Task<AuditBundle> CreateAsync(
        Audit.AuditClient client, ulong fromIndex, IEnumerable<ulong> consistencyFromSizes, bool signNow, CancellationToken ct)
    {
        var key = await client.GetLedgerPublicKeyAsync(new GetLedgerPublicKeyRequest(), cancellationToken: ct);
        var head = signNow
            ? (await client.SignTreeHeadAsync(new SignTreeHeadRequest(), cancellationToken: ct)).TreeHead
            : (await client.GetTreeHeadAsync(new GetTreeHeadRequest(), cancellationToken: ct)).TreeHead;
        var latest = FromWire(head);
        var start = Math.Min(fromIndex, latest.TreeSize);
        var entries = new List<BundleEntry>();
        for (var batch = start; batch < latest.TreeSize; batch += 1000)
        {
            var end = Math.Min(batch + 1000, latest.TreeSize);
            var response = await client.GetEntriesAsync(new GetEntriesRequest { Start = batch, End = end }, cancellationToken: ct);
            foreach (var entry in response.Entries)
            {
                var proof = await client.GetInclusionProofAsync(
                    new GetInclusionProofRequest { Index = entry.Index, TreeSize = latest.TreeSize }, cancellationToken: ct);
                entries.Add(new BundleEntry(
                    entry.Index, entry.Kind, entry.Record.ToByteArray(), entry.AppendedMs, entry.LeafHash.ToByteArray(),
                    [.. proof.AuditPath.Select(p => p.ToByteArray())]));
            }
        }

        var earlier = await EarlierHeadsAsync(client, start, latest, ct);
        var proofs = new List<BundleConsistencyProof>();
        foreach (var size in consistencyFromSizes.Concat(earlier.Select(h => h.TreeSize)).Where(s => s > 0 && s < latest.TreeSize).Distinct().Order())
        {
            var proof = await client.GetConsistencyProofAsync(
                new GetConsistencyProofRequest { FirstSize = size, SecondSize = latest.TreeSize }, cancellationToken: ct);
            proofs.Add(new BundleConsistencyProof(size, latest.TreeSize, [.. proof.Proof.Select(p => p.ToByteArray())]));
        }

        return new AuditBundle
        {
            PublicKey = key.PublicKey.ToByteArray(),
            TreeHeads = [.. earlier, latest],
            EntriesStart = start,
            Entries = entries,
            ConsistencyProofs = proofs,
        };
    }

    /// <summary>The signed heads of sizes in [<paramref name="start"/>, the latest's size), the first one of each size, smallest first.</summary>
    private static async Task<List<BundleHead>> EarlierHeadsAsync(Audit.AuditClient client, ulong start, BundleHead latest, CancellationToken ct)
    {
        var heads = new List<BundleHead>();
        var token = "";
        do
        {
            var page = await client.ListTreeHeadsAsync(
                new ListTreeHeadsRequest { MinTreeSize = start, Page = new PageRequest { PageSize = 500, PageToken = token } }, cancellationToken: ct);
            heads.AddRange(page.TreeHeads.Select(FromWire));
            token = page.Page.NextPageToken;
        }
        while (token.Length > 0);

        return [.. heads.Where(h => h.TreeSize > 0 && h.TreeSize < latest.TreeSize).GroupBy(h => h.TreeSize).Select(g => g.First()).OrderBy(h => h.TreeSize)];
    }

    public static BundleHead FromWire(SignedTreeHead head) =>
        new(head.TreeSize, head.RootHash.ToByteArray(), head.TimestampMs, head.Signature.ToByteArray(), head.KeyId.ToByteArray());

    public static ByteString Bytes(byte[] value) => ByteString.CopyFrom(value);
}
