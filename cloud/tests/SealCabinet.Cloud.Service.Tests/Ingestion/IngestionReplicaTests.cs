using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Events;
using Core = SealCabinet.Firmware.Core.Messages;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests.Ingestion;

/// <summary>Two service instances on one database: per-device serialisation, and rotation or decommissioning on one honoured by the other at once.</summary>
[TestFixture]
public sealed class IngestionReplicaTests
{
    private CloudServiceHost _a = null!;
    private CloudServiceHost _b = null!;
    private Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _a = await CloudServiceHost.StartAsync("ingest-a");
        _b = await CloudServiceHost.ReattachAsync(_a, "ingest-b", new Dictionary<string, string?>());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [SetUp]
    public async Task NewVillageAsync() => _village = await Village.CreateUniqueAsync(_a, "ingestreplicas");

    private async Task<DeviceChain> NewChainAsync() => new(await IngestionState.RegisterCabinetAsync(_a, _village.VillageId));

    [Test]
    public async Task Batches_of_one_cabinet_alternating_between_replicas_are_all_stored_in_order()
    {
        var chain = await NewChainAsync();
        var hosts = new[] { _a, _b, _a, _a, _b, _b, _a };
        var acks = new List<ulong>();

        foreach (var host in hosts)
        {
            acks.Add((await IngestionState.PushAsync(host.Anonymous(), chain.Batch(chain.NextMany(5)))).AckedSeq);
        }

        Assert.That(acks, Is.EqualTo(new ulong[] { 5, 10, 15, 20, 25, 30, 35 }));
        Assert.That((await IngestionState.EventsAsync(_a, chain.DeviceId)).Select(e => e.EventBytes), Is.EqualTo(chain.Records.Select(r => r.EventBytes)));
        await using var db = _a.CreateDbContext();
        var ledgered = (await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == "device.event").Select(e => e.Record).ToListAsync())
            .Count(r => System.Text.Encoding.UTF8.GetString(r).Contains(chain.DeviceId, StringComparison.Ordinal));
        Assert.That(ledgered, Is.EqualTo(35), "every stored event entered the ledger, on the locked path and on the fast path");
    }

    [Test]
    public async Task The_same_batch_sent_to_both_replicas_at_once_is_stored_once_and_acknowledged_by_both()
    {
        var chain = await NewChainAsync();
        await IngestionState.PushAsync(_a.Anonymous(), chain.Batch(chain.NextMany(3)));
        await IngestionState.PushAsync(_b.Anonymous(), chain.Batch(chain.NextMany(3)));
        var records = chain.NextMany(40);

        var acks = await Task.WhenAll(
            IngestionState.PushAsync(_a.Anonymous(), chain.Batch(records)),
            IngestionState.PushAsync(_b.Anonymous(), chain.Batch(records)));

        Assert.That(acks.Select(a => (a.AckedSeq, a.Rejection)), Is.EqualTo(new[] { (46ul, RejectionReason.Unspecified), (46ul, RejectionReason.Unspecified) }));
        Assert.That((await IngestionState.EventsAsync(_a, chain.DeviceId)).Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, 46).Select(i => (long)i)));
    }

    [Test]
    public async Task A_secret_rotated_on_one_replica_makes_the_old_key_useless_on_the_other_at_once()
    {
        var chain = await NewChainAsync();
        await IngestionState.PushAsync(_a.Anonymous(), chain.Batch(chain.NextMany(3)));
        var technician = _b.As($"technician-{_village.VillageId}", $"technician@village:{_village.VillageId}");
        var rotated = await technician.Devices.RotateDeviceSecretAsync(new RotateDeviceSecretRequest { DeviceId = chain.DeviceId });

        var old = await IngestionState.FailureAsync(() => IngestionState.PushAsync(_a.Anonymous(), chain.Batch(chain.NextMany(2))));
        var mac = new ManagedMacProvider();
        var newKey = DeviceKeys.Derive(rotated.DeviceSecret.ToByteArray(), mac).EventKey;
        var resigned = new EventSigner(chain.DeviceId, newKey, mac, 1, 3, chain.Records[2].EventHash);
        var fresh = await IngestionState.PushAsync(_a.Anonymous(), chain.Batch([resigned.SignNext(new Core.DeviceEvent { Type = Core.EventType.Heartbeat })]));

        Assert.That(old.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(fresh.AckedSeq, Is.EqualTo(4ul));
        Assert.That(await IngestionState.EventsAsync(_a, chain.DeviceId), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task A_cabinet_decommissioned_on_one_replica_is_refused_on_the_other_at_once()
    {
        var chain = await NewChainAsync();
        await IngestionState.PushAsync(_a.Anonymous(), chain.Batch(chain.NextMany(3)));
        await Village.GlobalAdministrator(_b).Devices.DecommissionCabinetAsync(new DecommissionCabinetRequest { DeviceId = chain.DeviceId, Reason = "stolen" });

        var error = await IngestionState.FailureAsync(() => IngestionState.PushAsync(_a.Anonymous(), chain.Batch(chain.NextMany(2))));

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(await IngestionState.EventsAsync(_a, chain.DeviceId), Has.Count.EqualTo(3));
    }
}
