using System.Security.Cryptography;
using SealCabinet.Ledger.Bundles;
using SealCabinet.Ledger.Merkle;
using SealCabinet.Ledger.Records;
using SealCabinet.Ledger.Signing;

namespace SealCabinet.Ledger.Tests;

/// <summary>A small ledger in memory: rows, leaf hashes, a tree and a signing key, as the service will keep them.</summary>
internal sealed class TestLedger : IDisposable
{
    private readonly InMemoryLeafHashSource leaves = new();

    public TestLedger(int entries)
    {
        Tree = new MerkleTree(leaves, new InMemorySubtreeHashCache());
        for (var i = 0; i < entries; i++)
        {
            Append(RecordFor(i));
        }
    }

    public LedgerSigningKey Key { get; } = LedgerSigningKey.Generate();

    public MerkleTree Tree { get; }

    public List<StoredRecord> Rows { get; } = [];

    public ulong Size => leaves.Count;

    public void Append(LedgerRecord record)
    {
        var index = leaves.AppendLeafHash(record.LeafHash());
        Rows.Add(new StoredRecord(index, record.Kind, record.Bytes, 1_764_000_000_000 + (long)index));
    }

    public async Task<SignedTreeHead> SignAsync(long timestampMs) => Key.Sign(Size, await Tree.RootHashAsync(Size), timestampMs);

    public Task<AuditBundle> BundleAsync(IReadOnlyList<SignedTreeHead> heads, IEnumerable<ulong>? from = null) =>
        AuditBundleWriter.CreateAsync(Tree, Key.PublicKey, heads, Rows.Take((int)heads[^1].TreeSize).ToList(), from);

    public void Dispose() => Key.Dispose();

    public static LedgerRecord RecordFor(int i)
    {
        var request = $"r-{i / 3}";
        return (i % 3) switch
        {
            0 => LedgerRecords.RequestSubmitted(request, "v-1", "committee", "labour-hiring", "u-custodian", SHA256.HashData(BitConverter.GetBytes(i)), 1_000 + i),
            1 => LedgerRecords.RequestApproved(request, "u-approver", 2_000 + i),
            _ => LedgerRecords.DeviceEvent("d-1", 1, i, SHA256.HashData(BitConverter.GetBytes(i * 31))),
        };
    }
}
