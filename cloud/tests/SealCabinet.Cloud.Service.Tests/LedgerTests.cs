using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Records;
using SealCabinet.Ledger.Verification;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>The ledger in PostgreSQL: one entry per workflow action, in the fact's transaction, signed and provable.</summary>
[TestFixture]
public sealed class LedgerTests
{
    private CloudServiceHost _host = null!;
    private Infrastructure.Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("ledger");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task NewVillageAsync() => _village = await Infrastructure.Village.CreateUniqueAsync(_host, "ledger");

    [Test]
    public async Task Every_workflow_action_appends_its_record_in_order_with_dense_indexes()
    {
        var before = await CountAsync();
        var approved = await _village.SubmitAsync();
        await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = approved.RequestId, Comment = "同意" });
        var rejected = await _village.SubmitAsync();
        await _village.CommitteeApprover.Requests.RejectRequestAsync(new RejectRequestRequest { RequestId = rejected.RequestId, Comment = "材料不全" });
        var cancelled = await _village.SubmitAsync();
        await _village.Custodian.Requests.CancelRequestAsync(new CancelRequestRequest { RequestId = cancelled.RequestId, Reason = "不需要了" });
        await _village.Technician.Devices.AuthorizeChainRestartAsync(new AuthorizeChainRestartRequest { DeviceId = _village.Cabinet.DeviceId, Reason = "主板更换" });

        await using var db = _host.CreateDbContext();
        var entries = await db.LedgerEntries.Where(e => e.Index >= before).OrderBy(e => e.Index).ToListAsync();
        Assert.That(entries.Select(e => e.Kind), Is.EqualTo(new[]
        {
            "request.submitted", "request.approved", "grant.issued", "request.submitted", "request.rejected",
            "request.submitted", "request.cancelled", "chain.restart.authorized",
        }));
        Assert.That(entries.Select(e => e.Index), Is.EqualTo(Enumerable.Range((int)before, entries.Count).Select(i => (long)i)));
        var approval = LedgerRecord.Parse(entries[1].Record);
        Assert.That(approval.GetText("request_id"), Is.EqualTo(approved.RequestId));
        Assert.That(approval.GetText("approver_id"), Is.EqualTo($"director-{_village.VillageId}"));
        Assert.That(entries.All(e => e.LeafHash.SequenceEqual(Rfc6962Hash.Leaf(e.Record))), Is.True);
    }

    [Test]
    public async Task Registering_and_decommissioning_a_cabinet_are_logged_with_the_person_who_did_it()
    {
        var registered = await _village.Technician.Devices.RegisterCabinetAsync(new RegisterCabinetRequest
        {
            VillageId = _village.VillageId,
            Name = "备用柜",
            Sleeves = { new Sleeve { Number = 1, SealKind = SealKind.Party }, new Sleeve { Number = 2, SealKind = SealKind.Committee }, new Sleeve { Number = 3, SealKind = SealKind.Cooperative } },
        });
        await _village.Administrator.Devices.DecommissionCabinetAsync(new DecommissionCabinetRequest { DeviceId = registered.Cabinet.DeviceId, Reason = "报废" });

        await using var db = _host.CreateDbContext();
        var records = (await db.LedgerEntries.OrderBy(e => e.Index).ToListAsync())
            .Select(e => LedgerRecord.Parse(e.Record))
            .Where(r => r.Fields.TryGetValue("device_id", out var d) && (string)d == registered.Cabinet.DeviceId)
            .ToList();
        Assert.That(records.Select(r => r.Kind), Is.EqualTo(new[] { "device.registered", "device.decommissioned" }));
        Assert.That(records.Select(r => r.GetText("by_user_id")), Is.EqualTo(new[] { $"technician-{_village.VillageId}", $"admin-{_village.VillageId}" }));
    }

    [Test]
    public async Task A_refused_action_appends_nothing()
    {
        var request = await _village.SubmitAsync();
        var before = await CountAsync();

        Assert.That(
            async () => await _village.Custodian.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId }),
            Throws.TypeOf<RpcException>().With.Property(nameof(RpcException.StatusCode)).EqualTo(StatusCode.PermissionDenied));

        Assert.That(await CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_signed_head_verifies_with_the_published_key_and_proves_inclusion_and_consistency()
    {
        var audit = _village.Supervisor.Audit;
        var key = Ledger.Signing.LedgerPublicKey.FromSubjectPublicKeyInfo((await audit.GetLedgerPublicKeyAsync(new GetLedgerPublicKeyRequest())).PublicKey.ToByteArray());
        var first = (await audit.SignTreeHeadAsync(new SignTreeHeadRequest())).TreeHead;
        await _village.SubmitAsync();
        var second = (await audit.SignTreeHeadAsync(new SignTreeHeadRequest())).TreeHead;
        var latest = (await audit.GetTreeHeadAsync(new GetTreeHeadRequest())).TreeHead;

        Assert.That(key.Verify(ToHead(second)), Is.True);
        Assert.That(latest, Is.EqualTo(second));
        Assert.That(second.TreeSize, Is.GreaterThan(first.TreeSize));
        var entry = (await audit.GetEntriesAsync(new GetEntriesRequest { Start = first.TreeSize - 1, End = first.TreeSize })).Entries.Single();
        var path = (await audit.GetInclusionProofAsync(new GetInclusionProofRequest { Index = entry.Index, TreeSize = second.TreeSize })).AuditPath;
        Assert.That(MerkleProofVerifier.VerifyInclusion(
            entry.Index, second.TreeSize, Rfc6962Hash.Leaf(entry.Record.ToByteArray()), [.. path.Select(p => p.ToByteArray())], second.RootHash.ToByteArray()), Is.True);
        var consistency = (await audit.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = first.TreeSize, SecondSize = second.TreeSize })).Proof;
        Assert.That(MerkleProofVerifier.VerifyConsistency(
            first.TreeSize, second.TreeSize, first.RootHash.ToByteArray(), second.RootHash.ToByteArray(), [.. consistency.Select(p => p.ToByteArray())]), Is.True);
    }

    [Test]
    public void A_proof_beyond_the_ledger_is_refused_naming_the_field()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.Supervisor.Audit.GetInclusionProofAsync(new GetInclusionProofRequest { Index = 0, TreeSize = 1_000_000 }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("tree_size"));
    }

    [Test]
    public void A_custodian_may_not_read_the_ledger()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await _village.Custodian.Audit.GetTreeHeadAsync(new GetTreeHeadRequest()));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    private static Ledger.Signing.SignedTreeHead ToHead(Contracts.V1.SignedTreeHead h) =>
        new(h.TreeSize, h.RootHash.ToByteArray(), h.TimestampMs, h.Signature.ToByteArray(), h.KeyId.ToByteArray());

    private async Task<long> CountAsync()
    {
        await using var db = _host.CreateDbContext();
        return await db.LedgerEntries.LongCountAsync();
    }
}
