using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Passkeys.Software;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>Two service instances on one database: what one replica does must hold for the other.</summary>
[TestFixture]
public sealed class TwoReplicasTests
{
    private CloudServiceHost _first = null!;
    private CloudServiceHost _second = null!;
    private Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _first = await CloudServiceHost.StartAsync("replica-a");
        _second = await CloudServiceHost.ReattachAsync(_first, "replica-b", new Dictionary<string, string?>());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [SetUp]
    public async Task NewVillageAsync() => _village = await Village.CreateUniqueAsync(_first, "replicas");

    [Test]
    public async Task A_passkey_enrolment_begun_on_one_replica_finishes_on_the_other_and_the_session_works_on_both()
    {
        var personId = await _village.AddPersonAsync("custodian", new RoleAssignment { Role = Role.Custodian, VillageId = _village.VillageId });
        var code = await _village.InviteAsync(personId);
        using var passkey = new SoftwarePasskey();
        var (onFirst, firstJar) = _first.Browser();
        var (onSecond, secondJar) = _second.Browser();

        var begun = await onFirst.Sessions.BeginEnrolmentAsync(new BeginEnrolmentRequest { EnrolmentCode = code });
        await onSecond.Sessions.FinishEnrolmentAsync(new FinishEnrolmentRequest
        {
            EnrolmentCode = code,
            CeremonyId = begun.CeremonyId,
            CredentialJson = passkey.Register(begun.OptionsJson),
        });
        firstJar.Cookies.Add(secondJar.Cookies.GetAllCookies());

        foreach (var replica in new[] { onFirst, onSecond })
        {
            var session = await replica.Sessions.GetSessionAsync(new GetSessionRequest());
            Assert.That(session.Session.Person.PersonId, Is.EqualTo(personId));
        }

        await onFirst.Sessions.SignOutAsync(new SignOutRequest());
        var ended = Assert.ThrowsAsync<RpcException>(async () => await onSecond.Sessions.GetSessionAsync(new GetSessionRequest()));
        Assert.That(ended!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated), "signed out on one replica is signed out on every replica");
    }

    [Test]
    public async Task Concurrent_approvals_through_two_replicas_produce_exactly_one_grant()
    {
        var request = await _village.SubmitAsync();
        var approvers = Enumerable.Range(0, 6)
            .Select(i => (i % 2 == 0 ? _first : _second).As($"replica-approver-{i}", $"approver:COMMITTEE@village:{_village.VillageId}"))
            .ToList();

        var outcomes = await Task.WhenAll(approvers.Select(async a =>
        {
            try
            {
                return (await a.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant is null ? "no grant" : "granted";
            }
            catch (RpcException e)
            {
                return e.StatusCode.ToString();
            }
        }));

        Assert.That(outcomes.Count(o => o == "granted"), Is.EqualTo(1));
        Assert.That(outcomes.Where(o => o != "granted"), Is.All.EqualTo(nameof(StatusCode.FailedPrecondition)));
        await using var db = _first.CreateDbContext();
        Assert.That(await db.Grants.CountAsync(g => g.RequestId == Guid.Parse(request.RequestId)), Is.EqualTo(1));
    }

    [Test]
    public async Task Grant_counters_stay_consecutive_when_two_replicas_issue_grants_for_one_cabinet()
    {
        var requests = new List<SealRequest>();
        for (var i = 0; i < 8; i++)
        {
            requests.Add(await _village.SubmitAsync());
        }

        await Task.WhenAll(requests.Select((r, i) =>
            (i % 2 == 0 ? _first : _second).As("replica-director", $"approver:COMMITTEE@village:{_village.VillageId}")
                .Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = r.RequestId }).ResponseAsync));

        await using var db = _first.CreateDbContext();
        var counters = await db.Grants.Where(g => g.DeviceId == _village.Cabinet.DeviceId).Select(g => g.Counter).OrderBy(c => c).ToListAsync();
        Assert.That(counters, Is.EqualTo(Enumerable.Range(1, counters.Count).Select(i => (long)i)));
    }

    [Test]
    public async Task A_grant_approved_on_one_replica_is_fetched_from_the_other()
    {
        var request = await _village.SubmitAsync();
        var issued = (await _first.As("replica-director", $"approver:COMMITTEE@village:{_village.VillageId}").Requests
            .ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;

        var fetched = await _second.Anonymous().Gateway.FetchGrantsAsync(GrantChecks.FetchRequest(
            _village.Cabinet.DeviceId, _village.Cabinet.Secret, issued.Counter - 1, System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

        Assert.That(fetched.Grants.Select(g => GrantChecks.Verify(g, _village.Cabinet.Secret).GrantId), Does.Contain(issued.GrantId));
    }
}
