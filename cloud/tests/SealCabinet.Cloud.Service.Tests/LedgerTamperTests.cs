extern alias sealctl;

using Microsoft.EntityFrameworkCore;
using Npgsql;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Bundles;
using SealCabinet.Ledger.Signing;
using ApprovalChecks = sealctl::SealCabinet.Cloud.Tool.Supervision.ApprovalChecks;
using AuditCommands = sealctl::SealCabinet.Cloud.Tool.Commands.AuditCommands;
using AuditExport = sealctl::SealCabinet.Cloud.Tool.Supervision.AuditExport;
using SavedTreeHead = sealctl::SealCabinet.Cloud.Tool.Supervision.SavedTreeHead;
using UsageException = sealctl::SealCabinet.Cloud.Tool.Infrastructure.UsageException;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// Tampering with the ledger rows in the real PostgreSQL, as a database administrator could, after a supervisor
/// exported a bundle: 'sealctl audit verify' with the database connection detects it and names the entry.
/// </summary>
[TestFixture]
public sealed class LedgerTamperTests
{
    private CloudServiceHost _host = null!;
    private Infrastructure.Village _village = null!;
    private string _bundle = "";
    private string _publicKey = "";
    private string _savedHead = "";

    [SetUp]
    public async Task StartAsync()
    {
        _host = await CloudServiceHost.StartAsync("tamper");
        var village = _village = await Infrastructure.Village.CreateAsync(_host, "town-tamper", "tamper");
        for (var i = 0; i < 3; i++)
        {
            var request = await village.SubmitAsync();
            await village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });
        }

        // Ledger: 0 device.registered, then per request submitted/approved/grant.issued: indexes 1..9.
        var audit = village.Supervisor.Audit;
        var bundle = await AuditExport.CreateAsync(audit, 0, [], signNow: true, CancellationToken.None);
        _bundle = System.Text.Encoding.UTF8.GetString(bundle.ToJson());
        _savedHead = SavedTreeHead.ToJson(bundle.TreeHeads[^1]);
        var key = await audit.GetLedgerPublicKeyAsync(new GetLedgerPublicKeyRequest());
        _publicKey = LedgerPublicKey.FromSubjectPublicKeyInfo(key.PublicKey.ToByteArray()).ExportPem();
    }

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task The_untouched_ledger_verifies_against_the_bundle_and_the_stored_rows()
    {
        var result = await VerifyAgainstDatabaseAsync();

        Assert.That(result.Failures, Is.Empty);
        Assert.That(result.EntriesProven, Is.EqualTo(10));
        Assert.That(result.RecordsCompared, Is.EqualTo(10));
    }

    [Test]
    public async Task An_updated_row_is_detected_and_named()
    {
        await SqlAsync("UPDATE ledger_entries SET record = convert_to(replace(convert_from(record, 'UTF8'), 'director-', 'someone-'), 'UTF8') WHERE index = 2");

        var result = await VerifyAgainstDatabaseAsync();

        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.RecordMismatch, (ulong?)2) }));
    }

    [Test]
    public async Task A_deleted_row_is_detected_and_named()
    {
        await SqlAsync("DELETE FROM ledger_entries WHERE index = 4");

        var result = await VerifyAgainstDatabaseAsync();

        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.MissingEntry, (ulong?)4) }));
    }

    [Test]
    public async Task An_inserted_row_is_detected_and_the_first_shifted_entry_named()
    {
        // Make room at index 5 as an administrator would (indexes are unique), then insert a forged approval there.
        await SqlAsync("UPDATE ledger_entries SET index = index + 1000000 WHERE index >= 5");
        await SqlAsync("UPDATE ledger_entries SET index = index - 1000000 + 1 WHERE index >= 1000000");
        await SqlAsync("""
            INSERT INTO ledger_entries (index, kind, record, leaf_hash, appended_at)
            SELECT 5, kind, record, leaf_hash, appended_at FROM ledger_entries WHERE index = 3
            """);

        var result = await VerifyAgainstDatabaseAsync();

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.FailedEntryIndexes.Min(), Is.EqualTo(5));
        Assert.That(result.Failures.Where(f => f.EntryIndex == 5).Select(f => f.Kind), Does.Contain(BundleFailureKind.RecordMismatch));
    }

    [Test]
    public async Task Two_swapped_rows_are_detected_and_both_named()
    {
        await SqlAsync("""
            UPDATE ledger_entries AS a SET record = b.record, kind = b.kind
            FROM ledger_entries AS b WHERE (a.index, b.index) IN ((1, 4), (4, 1))
            """);

        var result = await VerifyAgainstDatabaseAsync();

        Assert.That(result.Failures.Select(f => f.Kind).Distinct(), Is.EqualTo(new[] { BundleFailureKind.RecordMismatch }));
        Assert.That(result.FailedEntryIndexes, Is.EquivalentTo(new ulong[] { 1, 4 }));
    }

    [Test]
    public async Task A_row_changed_before_the_export_is_detected_in_the_bundle_alone()
    {
        await SqlAsync("UPDATE ledger_entries SET record = convert_to(replace(convert_from(record, 'UTF8'), 'director-', 'someone-'), 'UTF8') WHERE index = 8");
        var bundle = await AuditExport.CreateAsync(Infrastructure.Village.GlobalAdministrator(_host).Audit, 0, [], signNow: false, CancellationToken.None);

        var result = await AuditCommands.VerifyAsync(System.Text.Encoding.UTF8.GetString(bundle.ToJson()), _publicKey, _savedHead, null, ApprovalChecks.None, CancellationToken.None);

        Assert.That(result.Failures.Select(f => (f.Kind, f.EntryIndex)), Is.EqualTo(new[] { (BundleFailureKind.RecordMismatch, (ulong?)8) }));
    }

    [Test]
    public async Task A_history_rewritten_with_recomputed_leaf_hashes_is_not_consistent_with_the_saved_head()
    {
        // The strongest database-only attack: change a record AND its stored leaf hash, drop the cached subtrees and the
        // signed heads the service compares a new head with, and let the service sign a new head over the rewritten tree.
        await SqlAsync("""
            UPDATE ledger_entries SET record = convert_to(replace(convert_from(record, 'UTF8'), 'director-', 'someone-'), 'UTF8') WHERE index = 2;
            UPDATE ledger_entries SET leaf_hash = sha256('\x00'::bytea || record) WHERE index = 2;
            DELETE FROM ledger_subtree_hashes;
            DELETE FROM ledger_tree_heads;
            """);
        await _host.As("auditor", "supervisor@global").Audit.SignTreeHeadAsync(new SignTreeHeadRequest());
        var saved = SavedTreeHead.Parse(_savedHead, "saved");
        var bundle = await AuditExport.CreateAsync(_host.As("auditor", "supervisor@global").Audit, 0, [saved.TreeSize], signNow: false, CancellationToken.None);

        var result = await AuditCommands.VerifyAsync(System.Text.Encoding.UTF8.GetString(bundle.ToJson()), _publicKey, _savedHead, null, ApprovalChecks.None, CancellationToken.None);

        Assert.That(result.Failures.Select(f => f.Kind), Does.Contain(BundleFailureKind.ConsistencyFailure));
    }

    [Test]
    public async Task A_bundle_carries_every_head_signed_over_its_range_with_a_consistency_proof_from_each()
    {
        var audit = _host.As("auditor", "supervisor@global").Audit;
        await _village.SubmitAsync();
        await audit.SignTreeHeadAsync(new SignTreeHeadRequest());
        await audit.SignTreeHeadAsync(new SignTreeHeadRequest());
        await _village.SubmitAsync();

        var whole = await AuditExport.CreateAsync(audit, 0, [], signNow: true, CancellationToken.None);
        var tail = await AuditExport.CreateAsync(audit, 11, [], signNow: false, CancellationToken.None);

        Assert.That(whole.TreeHeads.Select(h => h.TreeSize), Is.EqualTo(new ulong[] { 10, 11, 12 }), "one head per size, the latest last");
        Assert.That(whole.ConsistencyProofs.Select(p => (p.FirstSize, p.SecondSize)), Is.EqualTo(new[] { (10UL, 12UL), (11UL, 12UL) }));
        Assert.That(tail.TreeHeads.Select(h => h.TreeSize), Is.EqualTo(new ulong[] { 11, 12 }), "only the heads over the bundle's range");
        var result = await AuditCommands.VerifyAsync(System.Text.Encoding.UTF8.GetString(whole.ToJson()), _publicKey, null, null, ApprovalChecks.None, CancellationToken.None);
        Assert.That(result.Failures, Is.Empty);
    }

    [Test]
    public async Task With_the_last_row_deleted_the_service_signs_no_head_and_alarms_the_supervisors_once()
    {
        var supervisor = _host.As("auditor", "supervisor@global");
        var heads = await HeadCountAsync();
        await SqlAsync("DELETE FROM ledger_entries WHERE index = 9");

        var first = Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await supervisor.Audit.SignTreeHeadAsync(new SignTreeHeadRequest()));
        var second = Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await supervisor.Audit.SignTreeHeadAsync(new SignTreeHeadRequest()));

        Assert.That(first!.StatusCode, Is.EqualTo(Grpc.Core.StatusCode.FailedPrecondition));
        Assert.That(first.Status.Detail, Does.Contain("the ledger holds 9 entries but the head signed at ").And.Contain(" covers 10: entries were removed"));
        Assert.That(second!.Status.Detail, Is.EqualTo(first.Status.Detail));
        Assert.That(await HeadCountAsync(), Is.EqualTo(heads), "no head over the truncated ledger");
        await using var db = _host.CreateDbContext();
        Assert.That(await db.SecurityEvents.CountAsync(e => e.Kind == "ledger-rollback"), Is.EqualTo(1), "one alarm for the finding, not one per attempt");
        Assert.That(await db.Notifications.CountAsync(n => n.Title == "安全事件 ledger-rollback"), Is.EqualTo(1), "the supervisors are notified");
    }

    [Test]
    public async Task With_a_row_and_its_leaf_hash_rewritten_the_service_signs_no_head_over_the_rewritten_history()
    {
        await SqlAsync("""
            UPDATE ledger_entries SET record = convert_to(replace(convert_from(record, 'UTF8'), 'director-', 'someone-'), 'UTF8') WHERE index = 2;
            UPDATE ledger_entries SET leaf_hash = sha256('\x00'::bytea || record) WHERE index = 2;
            DELETE FROM ledger_subtree_hashes;
            """);

        var error = Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await _host.As("auditor", "supervisor@global").Audit.SignTreeHeadAsync(new SignTreeHeadRequest()));

        Assert.That(error!.StatusCode, Is.EqualTo(Grpc.Core.StatusCode.FailedPrecondition));
        Assert.That(error.Status.Detail, Does.Contain("the first 10 entries no longer hash to the root of the head signed at ").And.Contain("the history was rewritten"));
    }

    [Test]
    public async Task With_a_middle_row_deleted_signing_and_proofs_fail_naming_the_missing_index()
    {
        await SqlAsync("DELETE FROM ledger_subtree_hashes; DELETE FROM ledger_entries WHERE index = 4;");
        var audit = _host.As("auditor", "supervisor@global").Audit;

        var signing = Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await audit.SignTreeHeadAsync(new SignTreeHeadRequest()));
        var proof = Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await audit.GetInclusionProofAsync(new GetInclusionProofRequest { Index = 1, TreeSize = 10 }));

        foreach (var error in new[] { signing!, proof! })
        {
            Assert.That(error.StatusCode, Is.EqualTo(Grpc.Core.StatusCode.FailedPrecondition));
            Assert.That(error.Status.Detail, Does.StartWith("ledger entry 4 is missing from the database"));
        }
    }

    [Test]
    public void A_database_that_refuses_the_login_is_a_usage_error_naming_the_option()
    {
        var wrongPassword = new NpgsqlConnectionStringBuilder(_host.ConnectionString) { Password = "not-the-password" }.ConnectionString;

        var error = Assert.ThrowsAsync<UsageException>(async () =>
            await AuditCommands.VerifyAsync(_bundle, _publicKey, _savedHead, wrongPassword, ApprovalChecks.None, CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("--database: the ledger rows could not be read: "));
    }

    [Test]
    public void A_malformed_connection_string_is_a_usage_error_naming_the_option()
    {
        var error = Assert.ThrowsAsync<UsageException>(async () =>
            await AuditCommands.VerifyAsync(_bundle, _publicKey, _savedHead, "this is not a connection string", ApprovalChecks.None, CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("--database: the ledger rows could not be read: "));
    }

    private Task<BundleVerificationResult> VerifyAgainstDatabaseAsync() =>
        AuditCommands.VerifyAsync(_bundle, _publicKey, _savedHead, _host.ConnectionString, ApprovalChecks.None, CancellationToken.None);

    private async Task<int> HeadCountAsync()
    {
        await using var db = _host.CreateDbContext();
        return await db.LedgerTreeHeads.CountAsync();
    }

    private async Task SqlAsync(string sql)
    {
        await using var db = _host.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
