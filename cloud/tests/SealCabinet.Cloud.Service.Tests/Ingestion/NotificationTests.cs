using System.Security.Cryptography;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests.Ingestion;

/// <summary>
/// Notifications reach exactly the people they are for, live on another replica than the one where the
/// fact happened (LISTEN/NOTIFY through PostgreSQL), and a stream resumes after an id.
/// Each subscriber's expected list ends with a notification that happens after everything it must not see,
/// so reading exactly that many proves nothing else arrived in between.
/// </summary>
[TestFixture]
public sealed class NotificationTests
{
    private CloudServiceHost _first = null!;
    private CloudServiceHost _second = null!;
    private Village _v = null!;
    private Village _w = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _first = await CloudServiceHost.StartAsync("notify-a");
        _second = await CloudServiceHost.ReattachAsync(_first, "notify-b", new Dictionary<string, string?>());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [SetUp]
    public async Task NewVillagesAsync()
    {
        _v = await Village.CreateUniqueAsync(_first, "notifyv");
        _w = await Village.CreateUniqueAsync(_first, "notifyw");
    }

    [Test]
    public async Task Each_person_hears_exactly_what_their_roles_and_scope_cover_on_another_replica()
    {
        var on2 = _v.WithHost(_second);
        using var custodian = await NotificationInbox.OpenAsync(on2.Custodian);
        using var approver = await NotificationInbox.OpenAsync(on2.CommitteeApprover);
        using var partyApprover = await NotificationInbox.OpenAsync(_second.As($"secretary-{_v.VillageId}", $"approver:PARTY@village:{_v.VillageId}"));
        using var otherVillageApprover = await NotificationInbox.OpenAsync(_w.WithHost(_second).CommitteeApprover);
        using var townSupervisor = await NotificationInbox.OpenAsync(_second.As($"inspector-{_v.VillageId}", $"supervisor@town:{_v.TownId}"));
        using var otherSupervisor = await NotificationInbox.OpenAsync(_w.WithHost(_second).Supervisor);
        using var otherCustodian = await NotificationInbox.OpenAsync(_second.As($"clerk-{_v.VillageId}", $"custodian@village:{_v.VillageId}"));
        var clerk = _first.As($"clerk-{_v.VillageId}", $"custodian@village:{_v.VillageId}");

        // The stamping of r1, with one press too many.
        var r1 = await _v.SubmitAsync();
        var grant = (await _v.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = r1.RequestId })).Grant;
        var chain = new DeviceChain(_v.Cabinet);
        var script = new StampingScript(chain);
        await IngestionState.PushAsync(_first.Anonymous(), chain.Batch(script.Stamp(grant, presses: 3)));

        // What only the others may hear.
        var partySubmission = _v.CommitteeSubmission("PARTY-TRANSFER-IN");
        partySubmission.SealKind = SealKind.Party;
        var r2 = (await _v.Custodian.Requests.SubmitRequestAsync(partySubmission)).Request;
        var r3 = await _w.SubmitAsync();
        var wChain = new DeviceChain(new RegisteredCabinet(_w.Cabinet.DeviceId, RandomNumberGenerator.GetBytes(32)));
        await IngestionState.FailureAsync(() => IngestionState.PushAsync(_first.Anonymous(), wChain.Batch(wChain.NextMany(1))));
        var r4 = (await clerk.Requests.SubmitRequestAsync(_v.CommitteeSubmission())).Request;
        await _v.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = r4.RequestId });

        // Last, what the first subscribers hear after all that.
        var r5 = await _v.SubmitAsync();
        await _v.CommitteeApprover.Requests.RejectRequestAsync(new RejectRequestRequest { RequestId = r5.RequestId, Comment = "材料不全" });
        var tampered = chain.NextMany(2);
        await IngestionState.PushAsync(_first.Anonymous(), DeviceChain.Batch(chain.DeviceId, [DeviceChain.Signed(tampered[0]), DeviceChain.Tampered(tampered[1], 5)]));

        var custodianGot = await custodian.TakeAsync(4);
        var approverGot = await approver.TakeAsync(4);
        Assert.That(Summary(custodianGot), Is.EqualTo(new[]
        {
            (NotificationKind.RequestApproved, r1.RequestId), (NotificationKind.GrantDelivered, r1.RequestId),
            (NotificationKind.StampingCompleted, r1.RequestId), (NotificationKind.RequestRejected, r5.RequestId),
        }));
        Assert.That(Summary(approverGot), Is.EqualTo(new[]
        {
            (NotificationKind.RequestSubmitted, r1.RequestId), (NotificationKind.StampingCompleted, r1.RequestId),
            (NotificationKind.RequestSubmitted, r4.RequestId), (NotificationKind.RequestSubmitted, r5.RequestId),
        }));
        Assert.That(Summary(await partyApprover.TakeAsync(1)), Is.EqualTo(new[] { (NotificationKind.RequestSubmitted, r2.RequestId) }));
        Assert.That(Summary(await otherVillageApprover.TakeAsync(1)), Is.EqualTo(new[] { (NotificationKind.RequestSubmitted, r3.RequestId) }));
        var supervised = await townSupervisor.TakeAsync(2);
        Assert.That(supervised.Select(n => (n.Kind, n.DeviceId)), Is.EqualTo(new[] { (NotificationKind.Alarm, _v.Cabinet.DeviceId), (NotificationKind.SecurityEvent, _v.Cabinet.DeviceId) }));
        Assert.That((await otherSupervisor.TakeAsync(1)).Select(n => (n.Kind, n.DeviceId)), Is.EqualTo(new[] { (NotificationKind.SecurityEvent, _w.Cabinet.DeviceId) }));
        Assert.That(Summary(await otherCustodian.TakeAsync(1)), Is.EqualTo(new[] { (NotificationKind.RequestApproved, r4.RequestId) }));

        var completed = custodianGot[2];
        Assert.That(completed.PressCount, Is.EqualTo(3u));
        Assert.That(completed.EvidenceIds, Is.EqualTo(script.Photos.Keys));
        Assert.That(completed.VillageId, Is.EqualTo(_v.VillageId));
        Assert.That(approverGot[1].NotificationId, Is.EqualTo(completed.NotificationId), "one notification, two audiences");
        Assert.That(supervised[0].PressCount, Is.EqualTo(3u));

        using var resumed = await NotificationInbox.OpenAsync(on2.Custodian, custodianGot[0].NotificationId);
        Assert.That(Summary(await resumed.TakeAsync(3)), Is.EqualTo(Summary(custodianGot.Skip(1))));

        // A town-scoped resume reads its backlog through the town (indexed), and gets what the live stream gave.
        using var resumedTown = await NotificationInbox.OpenAsync(
            _second.As($"inspector-{_v.VillageId}", $"supervisor@town:{_v.TownId}"), supervised[0].NotificationId - 1);
        Assert.That(Summary(await resumedTown.TakeAsync(supervised.Count)), Is.EqualTo(Summary(supervised)));
    }

    [Test]
    public async Task A_kinds_filter_leaves_out_the_other_kinds()
    {
        var village = await Village.CreateUniqueAsync(_first, "notifyk");
        using var rejectionsOnly = await NotificationInbox.OpenAsync(village.WithHost(_second).Custodian, 0, NotificationKind.RequestRejected);
        var approved = await village.SubmitAsync();
        await village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = approved.RequestId });
        var rejected = await village.SubmitAsync();
        await village.CommitteeApprover.Requests.RejectRequestAsync(new RejectRequestRequest { RequestId = rejected.RequestId, Comment = "重复申请" });

        Assert.That(Summary(await rejectionsOnly.TakeAsync(1)), Is.EqualTo(new[] { (NotificationKind.RequestRejected, rejected.RequestId) }));
    }

    private static List<(NotificationKind, string)> Summary(IEnumerable<Notification> notifications) =>
        [.. notifications.Select(n => (n.Kind, n.RequestId))];
}
