using System.Security.Cryptography;
using SealCabinet.Ledger.Records;
using SealCabinet.Ledger.Signing;
using SealCabinet.Ledger.Verification;

namespace SealCabinet.Ledger.Bundles;

/// <summary>
/// Verifies an audit bundle offline with only the ledger's public key: tree-head signatures, consistency of every
/// head (and of a head the supervisor saved earlier) with the latest, inclusion of every entry, that every record
/// hashes to its leaf, that no covered entry is missing or extra, and optionally that the rows stored now (the record
/// source) still hash to the ledger's leaves. Every failure is reported, naming the entry where there is one. Then
/// the approvals check: every approval's and rejection's signature against the credentials registered earlier in
/// the bundle, and every grant against the approvals before it (<see cref="BundleVerificationResult.Approvals"/>,
/// <see cref="BundleVerificationResult.Grants"/>).
/// </summary>
public static class BundleVerifier
{
    /// <summary>
    /// Verifies <paramref name="bundle"/>; see the class remarks. Signed approvals are checked without rp id and
    /// origin (reported as not fully checked), and unsigned ones are reported but are not failures.
    /// </summary>
    /// <param name="bundle">The bundle to check.</param>
    /// <param name="publicKey">The ledger key the supervisor trusts (not the one inside the bundle).</param>
    /// <param name="savedTreeHead">A head the supervisor saved earlier; the latest head must extend it.</param>
    /// <param name="recordSource">The ledger rows as stored now, in any order.</param>
    public static BundleVerificationResult Verify(
        AuditBundle bundle, LedgerPublicKey publicKey, SignedTreeHead? savedTreeHead = null, IEnumerable<StoredRecord>? recordSource = null) =>
        Verify(bundle, publicKey, new BundleVerifierOptions { SavedTreeHead = savedTreeHead, RecordSource = recordSource });

    /// <summary>Verifies <paramref name="bundle"/> with <paramref name="options"/>; see the class remarks.</summary>
    /// <param name="bundle">The bundle to check.</param>
    /// <param name="publicKey">The ledger key the supervisor trusts (not the one inside the bundle).</param>
    /// <param name="options">The saved head, the stored rows, and how approvals are checked.</param>
    public static BundleVerificationResult Verify(AuditBundle bundle, LedgerPublicKey publicKey, BundleVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(options);
        var savedTreeHead = options.SavedTreeHead;
        var failures = new List<BundleFailure>();
        var notes = new List<string>();

        if (!bundle.PublicKey.AsSpan().SequenceEqual(publicKey.SubjectPublicKeyInfo))
        {
            failures.Add(new(BundleFailureKind.KeyMismatch, null, "the bundle's ledger_public_key is not the trusted key; the trusted key is used"));
        }

        if (bundle.TreeHeads.Count == 0)
        {
            failures.Add(new(BundleFailureKind.BadSignature, null, "the bundle has no tree heads"));
            return Result(failures, notes, null, 0, 0);
        }

        for (var i = 0; i < bundle.TreeHeads.Count; i++)
        {
            var head = bundle.TreeHeads[i];
            if (!publicKey.Verify(head))
            {
                failures.Add(new(BundleFailureKind.BadSignature, null, $"tree head {i} (size {head.TreeSize}) is not signed by the ledger key"));
            }

            if (i > 0 && head.TreeSize < bundle.TreeHeads[i - 1].TreeSize)
            {
                failures.Add(new(BundleFailureKind.Rollback, null, $"tree head {i} has size {head.TreeSize}, smaller than the head before it ({bundle.TreeHeads[i - 1].TreeSize})"));
            }
        }

        var latest = bundle.TreeHeads[^1];
        if (!publicKey.Verify(latest))
        {
            notes.Add("entries and consistency were not checked: the latest tree head is not authentic");
            return Result(failures, notes, null, 0, 0);
        }

        foreach (var earlier in bundle.TreeHeads.Take(bundle.TreeHeads.Count - 1).Where(publicKey.Verify))
        {
            CheckConsistency(bundle, earlier, latest, "tree head", failures);
        }

        if (savedTreeHead is not null)
        {
            if (!publicKey.Verify(savedTreeHead))
            {
                failures.Add(new(BundleFailureKind.BadSignature, null, $"the saved tree head (size {savedTreeHead.TreeSize}) is not signed by the ledger key"));
            }
            else
            {
                CheckConsistency(bundle, savedTreeHead, latest, "saved tree head", failures);
            }
        }

        if (bundle.EntriesStart > 0)
        {
            notes.Add($"the bundle covers only entries [{bundle.EntriesStart}, {latest.TreeSize}); earlier entries were not checked");
        }

        var records = new List<(ulong Index, LedgerRecord Record)>();
        var provenLeaves = CheckEntries(bundle, latest, failures, records);
        var compared = options.RecordSource is null ? 0 : CheckStoredRecords(options.RecordSource, bundle.EntriesStart, latest, provenLeaves, failures, notes);
        var (credentials, approvals, grants, stampings) = ApprovalAudit.Run(records, bundle.EntriesStart, options, failures);
        return new BundleVerificationResult
        {
            Failures = failures,
            Notes = notes,
            VerifiedTreeHead = latest,
            EntriesProven = provenLeaves.Count,
            RecordsCompared = compared,
            Credentials = credentials,
            Approvals = approvals,
            Grants = grants,
            Stampings = stampings,
        };
    }

    private static void CheckConsistency(AuditBundle bundle, SignedTreeHead older, SignedTreeHead latest, string what, List<BundleFailure> failures)
    {
        if (older.TreeSize > latest.TreeSize)
        {
            failures.Add(new(BundleFailureKind.Rollback, null,
                $"the {what} covers {older.TreeSize} entries but the latest head only {latest.TreeSize}: entries were removed"));
            return;
        }

        if (older.TreeSize == latest.TreeSize || older.TreeSize == 0)
        {
            var expected = older.TreeSize == 0 ? Rfc6962Hash.EmptyRoot() : latest.RootHash;
            if (!CryptographicOperations.FixedTimeEquals(older.RootHash, expected))
            {
                failures.Add(new(BundleFailureKind.ConsistencyFailure, null, $"the {what} and the latest head disagree on the root of size {older.TreeSize}"));
            }

            return;
        }

        var proof = bundle.ConsistencyProofs.FirstOrDefault(p => p.FirstSize == older.TreeSize && p.SecondSize == latest.TreeSize);
        if (proof is null)
        {
            failures.Add(new(BundleFailureKind.ConsistencyFailure, null, $"no consistency proof from the {what} size {older.TreeSize} to {latest.TreeSize}"));
        }
        else if (!MerkleProofVerifier.VerifyConsistency(older.TreeSize, latest.TreeSize, older.RootHash, latest.RootHash, proof.Proof))
        {
            failures.Add(new(BundleFailureKind.ConsistencyFailure, null,
                $"the ledger at size {latest.TreeSize} does not extend the {what} at size {older.TreeSize}: history was rewritten"));
        }
    }

    /// <summary>
    /// Checks every bundle entry; returns the leaf hashes whose inclusion was proven, by index, and adds to
    /// <paramref name="records"/> each proven entry whose record hashes to its leaf and parses.
    /// </summary>
    private static Dictionary<ulong, byte[]> CheckEntries(
        AuditBundle bundle, SignedTreeHead latest, List<BundleFailure> failures, List<(ulong Index, LedgerRecord Record)> records)
    {
        var proven = new Dictionary<ulong, byte[]>();
        var seen = new HashSet<ulong>();
        foreach (var entry in bundle.Entries)
        {
            if (entry.Index < bundle.EntriesStart || entry.Index >= latest.TreeSize)
            {
                failures.Add(new(BundleFailureKind.ExtraEntry, entry.Index,
                    $"entry index is outside the covered range [{bundle.EntriesStart}, {latest.TreeSize})"));
                continue;
            }

            if (!seen.Add(entry.Index))
            {
                failures.Add(new(BundleFailureKind.ExtraEntry, entry.Index, "entry appears more than once"));
                continue;
            }

            if (!MerkleProofVerifier.VerifyInclusion(entry.Index, latest.TreeSize, entry.LeafHash, entry.InclusionProof, latest.RootHash))
            {
                failures.Add(new(BundleFailureKind.InclusionFailure, entry.Index,
                    $"leaf {Convert.ToHexStringLower(entry.LeafHash)} is not proven at this index in the tree of size {latest.TreeSize}"));
                continue;
            }

            proven[entry.Index] = entry.LeafHash;
            if (CheckRecord(entry.Index, entry.Kind, entry.Record, entry.LeafHash, "bundle record", failures) is { } record)
            {
                records.Add((entry.Index, record));
            }
        }

        for (var index = bundle.EntriesStart; index < latest.TreeSize; index++)
        {
            if (!seen.Contains(index))
            {
                failures.Add(new(BundleFailureKind.MissingEntry, index, "entry is covered by the latest tree head but absent from the bundle"));
            }
        }

        return proven;
    }

    private static int CheckStoredRecords(
        IEnumerable<StoredRecord> rows, ulong start, SignedTreeHead latest, Dictionary<ulong, byte[]> provenLeaves, List<BundleFailure> failures, List<string> notes)
    {
        var byIndex = new Dictionary<ulong, List<StoredRecord>>();
        foreach (var row in rows)
        {
            if (!byIndex.TryGetValue(row.Index, out var list))
            {
                byIndex[row.Index] = list = [];
            }

            list.Add(row);
        }

        var compared = 0;
        for (var index = start; index < latest.TreeSize; index++)
        {
            if (!byIndex.TryGetValue(index, out var list))
            {
                failures.Add(new(BundleFailureKind.MissingEntry, index, "the stored row for this entry is gone (deleted)"));
                continue;
            }

            if (list.Count > 1)
            {
                failures.Add(new(BundleFailureKind.ExtraEntry, index, $"{list.Count} stored rows claim this index (inserted)"));
            }

            if (provenLeaves.TryGetValue(index, out var leaf))
            {
                foreach (var row in list)
                {
                    compared++;
                    CheckRecord(index, row.Kind, row.Record, leaf, "stored row", failures);
                }
            }
        }

        foreach (var index in byIndex.Keys.Where(i => i >= latest.TreeSize).Order())
        {
            notes.Add($"stored row {index} is newer than the latest signed tree head (size {latest.TreeSize}) and not yet protected");
        }

        var before = byIndex.Keys.Count(i => i < start);
        if (before > 0)
        {
            notes.Add($"{before} stored rows before index {start} are outside the bundle and were not checked");
        }

        return compared;
    }

    /// <summary>Checks one record against its leaf and its schema; returns it parsed when both hold, else null.</summary>
    private static LedgerRecord? CheckRecord(ulong index, string kind, byte[] record, byte[] leafHash, string what, List<BundleFailure> failures)
    {
        if (!CryptographicOperations.FixedTimeEquals(Rfc6962Hash.Leaf(record), leafHash))
        {
            failures.Add(new(BundleFailureKind.RecordMismatch, index, $"the {what} does not hash to the ledger's leaf for this index (changed)"));
            return null;
        }

        try
        {
            var parsed = LedgerRecord.Parse(record);
            if (parsed.Kind == kind)
            {
                return parsed;
            }

            failures.Add(new(BundleFailureKind.MalformedRecord, index, $"the {what}'s kind column says '{kind}' but the record says '{parsed.Kind}'"));
        }
        catch (FormatException ex)
        {
            failures.Add(new(BundleFailureKind.MalformedRecord, index, $"the {what} is not a valid record: {ex.Message}"));
        }

        return null;
    }

    private static BundleVerificationResult Result(List<BundleFailure> failures, List<string> notes, SignedTreeHead? head, int proven, int compared) =>
        new() { Failures = failures, Notes = notes, VerifiedTreeHead = head, EntriesProven = proven, RecordsCompared = compared };
}
