using System.Text;
using SealCabinet.Ledger.Bundles;
using SealCabinet.Ledger.Records;
using SealCabinet.Ledger.Signing;

namespace SealCabinet.Ledger.Tests;

public sealed class AuditBundleTests
{
    private TestLedger ledger = null!;
    private SignedTreeHead saved = null!;
    private SignedTreeHead latest = null!;

    [SetUp]
    public async Task SetUp()
    {
        ledger = new TestLedger(25);
        saved = await ledger.SignAsync(1_764_000_100_000);
        for (var i = 25; i < 40; i++)
        {
            ledger.Append(TestLedger.RecordFor(i));
        }

        latest = await ledger.SignAsync(1_764_000_200_000);
    }

    [TearDown]
    public void TearDown() => ledger.Dispose();

    [Test]
    public async Task An_untouched_ledger_verifies_with_the_saved_head_and_the_stored_rows()
    {
        var bundle = await ledger.BundleAsync([saved, latest]);
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey, saved, ledger.Rows);
        Assert.That(result.Failures, Is.Empty);
        Assert.That(result.EntriesProven, Is.EqualTo(40));
        Assert.That(result.RecordsCompared, Is.EqualTo(40));
        Assert.That(result.VerifiedTreeHead!.TreeSize, Is.EqualTo(40UL));
    }

    [Test]
    public async Task The_bundle_survives_its_json_form_and_still_verifies()
    {
        var json = (await ledger.BundleAsync([saved, latest])).ToJson();
        var parsed = AuditBundle.Parse(json);
        Assert.That(parsed.ToJson(), Is.EqualTo(json));
        Assert.That(BundleVerifier.Verify(parsed, ledger.Key.PublicKey, saved, ledger.Rows).Failures, Is.Empty);
    }

    [Test]
    public async Task An_updated_row_is_detected_and_named()
    {
        var bundle = await ledger.BundleAsync([saved, latest]);
        var rows = ledger.Rows.ToList();
        rows[7] = rows[7] with { Record = LedgerRecords.RequestApproved("r-2", "u-someone-else", 2_007).Bytes };
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey, saved, rows);
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.RecordMismatch, (ulong?)7) }));
    }

    [Test]
    public async Task A_bundle_exported_after_a_row_was_updated_names_the_row()
    {
        ledger.Rows[12] = ledger.Rows[12] with { Record = LedgerRecords.RequestSubmitted("r-4", "v-1", "party", "labour-hiring", "u-custodian", new byte[32], 1_012).Bytes };
        var bundle = await ledger.BundleAsync([saved, latest]);
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey, saved, ledger.Rows);
        Assert.That(result.FailedEntryIndexes, Is.EqualTo(new ulong[] { 12 }));
        Assert.That(result.Failures.Select(f => f.Kind).Distinct(), Is.EqualTo(new[] { BundleFailureKind.RecordMismatch }));
    }

    [Test]
    public async Task A_deleted_row_is_detected_and_named()
    {
        var bundle = await ledger.BundleAsync([saved, latest]);
        var rows = ledger.Rows.Where(r => r.Index != 30).ToList();
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey, saved, rows);
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.MissingEntry, (ulong?)30) }));
    }

    [Test]
    public async Task An_inserted_row_with_an_existing_index_is_detected_and_named()
    {
        var bundle = await ledger.BundleAsync([saved, latest]);
        var rows = ledger.Rows.Append(new StoredRecord(9, LedgerRecordKinds.RequestApproved, LedgerRecords.RequestApproved("r-3", "u-x", 1).Bytes, 0)).ToList();
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey, saved, rows);
        Assert.That(result.FailedEntryIndexes, Is.EqualTo(new ulong[] { 9 }));
        Assert.That(result.Failures.Select(f => f.Kind), Is.EquivalentTo(new[] { BundleFailureKind.ExtraEntry, BundleFailureKind.RecordMismatch }));
    }

    [Test]
    public async Task A_row_inserted_in_the_middle_that_shifts_the_later_rows_is_detected_from_that_entry_on()
    {
        var bundle = await ledger.BundleAsync([saved, latest]);
        var forged = LedgerRecords.RequestApproved("r-5", "u-x", 1);
        var rows = ledger.Rows.Take(15)
            .Append(new StoredRecord(15, forged.Kind, forged.Bytes, 0))
            .Concat(ledger.Rows.Skip(15).Select(r => r with { Index = r.Index + 1 }))
            .ToList();
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey, saved, rows);
        Assert.That(result.FailedEntryIndexes[0], Is.EqualTo(15UL));
        Assert.That(result.FailedEntryIndexes, Is.EqualTo(Enumerable.Range(15, 25).Select(i => (ulong)i)));
        Assert.That(result.Notes, Has.Some.Contains("stored row 40 is newer"));
    }

    [Test]
    public async Task Two_swapped_rows_are_both_named()
    {
        var bundle = await ledger.BundleAsync([saved, latest]);
        var rows = ledger.Rows.ToList();
        (rows[3], rows[4]) = (rows[4] with { Index = 3 }, rows[3] with { Index = 4 });
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey, saved, rows);
        Assert.That(result.FailedEntryIndexes, Is.EqualTo(new ulong[] { 3, 4 }));
        Assert.That(result.Failures.Select(f => f.Kind).Distinct(), Is.EqualTo(new[] { BundleFailureKind.RecordMismatch }));
    }

    [Test]
    public async Task A_truncated_bundle_names_every_missing_entry()
    {
        var bundle = await ledger.BundleAsync([saved, latest]);
        var truncated = new AuditBundle
        {
            PublicKey = bundle.PublicKey,
            TreeHeads = bundle.TreeHeads,
            EntriesStart = bundle.EntriesStart,
            Entries = bundle.Entries.Take(36).ToList(),
            ConsistencyProofs = bundle.ConsistencyProofs,
        };
        var result = BundleVerifier.Verify(truncated, ledger.Key.PublicKey, saved);
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)),
            Is.EqualTo(new ulong[] { 36, 37, 38, 39 }.Select(i => (BundleFailureKind.MissingEntry, (ulong?)i))));
    }

    [Test]
    public async Task A_ledger_truncated_below_the_saved_head_is_a_rollback()
    {
        var result = BundleVerifier.Verify(await ledger.BundleAsync([await RebuiltHeadAsync(20)]), ledger.Key.PublicKey, saved, ledger.Rows.Take(20));
        Assert.That(result.Failures.Select(f => f.Kind), Is.EqualTo(new[] { BundleFailureKind.Rollback }));
    }

    [Test]
    public async Task A_forged_head_is_refused()
    {
        var bundle = await ledger.BundleAsync([saved, latest]);
        var forgedRoot = (byte[])latest.RootHash.Clone();
        forgedRoot[0] ^= 1;
        var forged = new AuditBundle
        {
            PublicKey = bundle.PublicKey,
            TreeHeads = [saved, latest with { RootHash = forgedRoot }],
            EntriesStart = bundle.EntriesStart,
            Entries = bundle.Entries,
            ConsistencyProofs = bundle.ConsistencyProofs,
        };
        var result = BundleVerifier.Verify(forged, ledger.Key.PublicKey, saved, ledger.Rows);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Failures.Select(f => f.Kind), Is.EqualTo(new[] { BundleFailureKind.BadSignature }));
        Assert.That(result.VerifiedTreeHead, Is.Null);
    }

    [Test]
    public async Task A_bundle_signed_by_another_key_is_refused()
    {
        using var impostor = new TestLedger(40);
        var bundle = await impostor.BundleAsync([await impostor.SignAsync(5)]);
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey);
        Assert.That(result.Failures.Select(f => f.Kind), Is.EqualTo(new[] { BundleFailureKind.KeyMismatch, BundleFailureKind.BadSignature }));
    }

    [Test]
    public async Task A_rewritten_history_re_signed_with_the_real_key_fails_consistency_with_the_saved_head()
    {
        var rewritten = new Merkle.InMemoryLeafHashSource();
        var rows = ledger.Rows.ToList();
        rows[2] = rows[2] with { Record = LedgerRecords.DeviceEvent("d-1", 1, 2, [9, 9, 9]).Bytes };
        foreach (var row in rows)
        {
            rewritten.AppendEntry(row.Record);
        }

        var tree = new Merkle.MerkleTree(rewritten);
        var head = ledger.Key.Sign(40, await tree.RootHashAsync(40), 1_764_000_300_000);
        var bundle = await AuditBundleWriter.CreateAsync(tree, ledger.Key.PublicKey, [head], rows, [saved.TreeSize]);
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey, saved, rows);
        Assert.That(result.Failures.Select(f => f.Kind), Is.EqualTo(new[] { BundleFailureKind.ConsistencyFailure }));
        Assert.That(result.Failures[0].Message, Does.Contain("size 25"));
    }

    [Test]
    public async Task A_record_edited_inside_the_bundle_file_is_named()
    {
        var json = Encoding.UTF8.GetString((await ledger.BundleAsync([saved, latest])).ToJson());
        var original = Convert.ToBase64String(ledger.Rows[21].Record);
        var edited = Convert.ToBase64String(LedgerRecords.DeviceEvent("d-1", 1, 21, [0]).Bytes);
        var bundle = AuditBundle.Parse(Encoding.UTF8.GetBytes(json.Replace(original, edited, StringComparison.Ordinal)));
        var result = BundleVerifier.Verify(bundle, ledger.Key.PublicKey, saved);
        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.RecordMismatch, (ulong?)21) }));
    }

    [Test]
    public void A_malformed_bundle_names_the_member()
    {
        var error = Assert.Throws<FormatException>(() => AuditBundle.Parse(
            """{"format":"sealcabinet-audit-bundle/1","ledger_public_key":"AA==","tree_heads":[{"tree_size":1,"root_hash":"zz"}]}"""u8));
        Assert.That(error!.Message, Does.Contain("$.tree_heads[0].root_hash"));
    }

    private async Task<SignedTreeHead> RebuiltHeadAsync(ulong size) =>
        ledger.Key.Sign(size, await ledger.Tree.RootHashAsync(size), 1_764_000_400_000);
}
