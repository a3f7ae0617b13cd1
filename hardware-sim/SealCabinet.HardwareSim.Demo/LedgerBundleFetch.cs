using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Bundles;
using BundleHead = SealCabinet.Ledger.Signing.SignedTreeHead;

namespace SealCabinet.HardwareSim.Demo;

/// <summary>
/// What <c>sealctl audit export --sign</c> fetches, kept in memory: a freshly signed tree head, the ledger's public key and
/// every entry with its inclusion proof, as an <see cref="AuditBundle"/> for <see cref="BundleVerifier"/>.
/// </summary>
public static class LedgerBundleFetch
{
    /// <summary>Signs a head and reads the whole ledger under it (a supervisor's or administrator's audit client).</summary>
    /// <param name="audit">The audit client.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The bundle and the head it is proven under, as the service returned it.</returns>
    public static async Task<(AuditBundle Bundle, SealCabinet.Contracts.V1.SignedTreeHead Head)> WholeLedgerAsync(Audit.AuditClient audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var head = (await audit.SignTreeHeadAsync(new SignTreeHeadRequest(), cancellationToken: cancellationToken).ConfigureAwait(false)).TreeHead;
        var key = await audit.GetLedgerPublicKeyAsync(new GetLedgerPublicKeyRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var entries = new List<BundleEntry>();
        for (ulong start = 0; start < head.TreeSize; start += 1000)
        {
            var page = await audit.GetEntriesAsync(new GetEntriesRequest { Start = start, End = Math.Min(start + 1000, head.TreeSize) }, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                var proof = await audit.GetInclusionProofAsync(new GetInclusionProofRequest { Index = entry.Index, TreeSize = head.TreeSize }, cancellationToken: cancellationToken).ConfigureAwait(false);
                entries.Add(new BundleEntry(
                    entry.Index, entry.Kind, entry.Record.ToByteArray(), entry.AppendedMs, entry.LeafHash.ToByteArray(), [.. proof.AuditPath.Select(p => p.ToByteArray())]));
            }
        }

        var bundle = new AuditBundle
        {
            PublicKey = key.PublicKey.ToByteArray(),
            TreeHeads = [new BundleHead(head.TreeSize, head.RootHash.ToByteArray(), head.TimestampMs, head.Signature.ToByteArray(), head.KeyId.ToByteArray())],
            EntriesStart = 0,
            Entries = entries,
            ConsistencyProofs = [],
        };
        return (bundle, head);
    }
}
