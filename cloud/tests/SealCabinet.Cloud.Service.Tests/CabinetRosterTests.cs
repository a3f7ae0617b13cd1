using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// Cabinet PINs, access cards and the village policy, and how they reach the cabinet: the MAC'd custodian roster on the
/// FetchGrants answer and on the roster topic, and the withdrawal of a cancelled request's grant. Every check of a MAC,
/// a verifier or a digest is computed here independently of the service.
/// </summary>
[TestFixture]
public sealed class CabinetRosterTests
{
    private CloudServiceHost _host = null!;
    private Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("roster");

    [SetUp]
    public async Task NewVillageAsync() => _village = await Village.CreateUniqueAsync(_host, "luocun");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task A_pin_a_custodian_sets_reaches_the_cabinet_as_a_salted_verifier_in_a_roster_maced_under_its_roster_key()
    {
        var custodian = await RegisteredCustodianAsync("zhang");

        var person = (await custodian.Clients.Organization.SetCabinetPinAsync(new SetCabinetPinRequest { Pin = "2580" })).Person;
        var (roster, _) = await FetchRosterAsync(0);

        Assert.That(person.CabinetPinSet, Is.True);
        Assert.That(roster.DeviceId, Is.EqualTo(_village.Cabinet.DeviceId));
        Assert.That(roster.Policy, Is.EqualTo(CabinetAuthPolicy.Pin), "a new village's policy");
        var entry = roster.Entries.Single(e => e.PersonId == custodian.PersonId);
        Assert.That(entry.PinSalt.Length, Is.EqualTo(16));
        Assert.That(entry.PinIterations, Is.GreaterThanOrEqualTo(1000u));
        var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes("2580"), entry.PinSalt.ToByteArray(), (int)entry.PinIterations, HashAlgorithmName.SHA256, 32);
        Assert.That(entry.PinVerifier.ToByteArray(), Is.EqualTo(expected));
        Assert.That(entry.CardDigest.IsEmpty, Is.True, "no card registered");
    }

    [Test]
    public async Task FetchGrants_brings_no_roster_to_a_cabinet_holding_the_current_version_and_records_the_version_it_holds()
    {
        var (roster, _) = await FetchRosterAsync(0);

        var again = await FetchAsync(roster.Version);
        var cabinet = (await _village.Technician.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = _village.Cabinet.DeviceId })).Cabinet;

        Assert.That(again.Roster, Is.Null);
        Assert.That(cabinet.RosterVersion, Is.EqualTo(roster.Version), "what the cabinet said it holds, for the technician");
    }

    [TestCase("1111", "one digit repeated")]
    [TestCase("1234", "run of consecutive digits")]
    [TestCase("98765", "run of consecutive digits")]
    [TestCase("123", "4 to 8 digits")]
    [TestCase("123456780", "4 to 8 digits")]
    [TestCase("12a4", "4 to 8 digits")]
    [TestCase("", "is required")]
    public async Task A_weak_or_malformed_pin_is_refused_naming_the_field_without_echoing_it_and_changes_nothing(string pin, string problem)
    {
        var custodian = await RegisteredCustodianAsync("li");
        var before = await RosterVersionAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () => await custodian.Clients.Organization.SetCabinetPinAsync(new SetCabinetPinRequest { Pin = pin }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("pin: ").And.Contain(problem));
        if (pin.Length > 0)
        {
            Assert.That(error.Status.Detail, Does.Not.Contain(pin), "a PIN is never echoed");
        }

        Assert.That(await RosterVersionAsync(), Is.EqualTo(before));
        var listed = (await _village.Administrator.Organization.ListPeopleAsync(new ListPeopleRequest { VillageId = _village.VillageId })).People;
        Assert.That(listed.Single(p => p.PersonId == custodian.PersonId).CabinetPinSet, Is.False);
    }

    [Test]
    public async Task A_custodian_the_directory_does_not_know_cannot_set_a_pin()
    {
        var stranger = _host.As("unregistered-" + _village.VillageId, $"custodian@village:{_village.VillageId}");

        var error = Assert.ThrowsAsync<RpcException>(async () => await stranger.Organization.SetCabinetPinAsync(new SetCabinetPinRequest { Pin = "2580" }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(error.Status.Detail, Does.StartWith("person_id: "));
    }

    [Test]
    public async Task A_role_change_publishes_the_next_roster_version_on_the_cabinets_roster_topic()
    {
        await using var device = await DeviceMqtt.ConnectAsCabinetAsync("127.0.0.1", _host.EmbeddedBrokerPort, _village.Cabinet);
        await device.SubscribeAsync($"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/roster");
        var before = await RosterVersionAsync();
        var role = new RoleAssignment { Role = Role.Custodian, VillageId = _village.VillageId };

        var personId = await _village.AddPersonAsync("wang", role);
        var added = VerifyRoster(SignedRoster.Parser.ParseFrom(await NextPayloadAsync(device)));
        await _village.Administrator.Organization.RevokeRoleAsync(new RevokeRoleRequest { PersonId = personId, Assignment = role });
        var removed = VerifyRoster(SignedRoster.Parser.ParseFrom(await NextPayloadAsync(device)));

        Assert.That(added.Version, Is.EqualTo(before + 1));
        Assert.That(added.Entries.Select(e => e.PersonId), Does.Contain(personId));
        Assert.That(removed.Version, Is.EqualTo(before + 2));
        Assert.That(removed.Entries.Select(e => e.PersonId), Does.Not.Contain(personId));
    }

    [Test]
    public async Task A_town_custodian_is_listed_in_the_rosters_of_the_towns_villages_and_an_approver_in_none()
    {
        var townCustodian = "town-keeper-" + _village.VillageId;
        var admin = Village.GlobalAdministrator(_host).Organization;
        await admin.UpsertPersonAsync(new UpsertPersonRequest { Person = new Person { PersonId = townCustodian, Name = "镇保管员" } });
        await admin.AssignRoleAsync(new AssignRoleRequest { PersonId = townCustodian, Assignment = new RoleAssignment { Role = Role.Custodian, TownId = _village.TownId } });
        var approver = await _village.AddPersonAsync("approver", new RoleAssignment { Role = Role.Approver, VillageId = _village.VillageId, SealKind = SealKind.Committee });

        var (roster, _) = await FetchRosterAsync(0);

        Assert.That(roster.Entries.Select(e => e.PersonId), Does.Contain(townCustodian).And.Not.Contain(approver));
    }

    [Test]
    public async Task An_access_card_reaches_the_roster_as_a_digest_under_the_cabinet_roster_key_never_as_its_uid()
    {
        var custodian = await RegisteredCustodianAsync("zhao");
        byte[] uid = [0x04, 0xA1, 0xB2, 0xC3, 0x5D, 0x6E, 0x7F];

        var person = (await _village.Administrator.Organization.SetAccessCardAsync(
            new SetAccessCardRequest { PersonId = custodian.PersonId, CardUid = "04:a1:b2:c3:5d:6e:7f" })).Person;
        var (roster, raw) = await FetchRosterAsync(0);

        Assert.That(person.AccessCardSet, Is.True);
        var entry = roster.Entries.Single(e => e.PersonId == custodian.PersonId);
        Assert.That(entry.CardDigest.ToByteArray(), Is.EqualTo(TestCrypto.Mac(TestCrypto.Key(_village.Cabinet.Secret, "roster"), uid)));
        Assert.That(Contains(raw, uid), Is.False, "the roster does not carry the card's UID");
    }

    [Test]
    public async Task A_card_registered_to_one_person_is_refused_for_another_and_nothing_changes()
    {
        var first = await RegisteredCustodianAsync("first");
        var second = await RegisteredCustodianAsync("second");
        await _village.Administrator.Organization.SetAccessCardAsync(new SetAccessCardRequest { PersonId = first.PersonId, CardUid = "04A1B2C4" });
        var before = await RosterVersionAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.Administrator.Organization.SetAccessCardAsync(new SetAccessCardRequest { PersonId = second.PersonId, CardUid = "04 A1 B2 C4" }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.AlreadyExists));
        Assert.That(error.Status.Detail, Does.StartWith("card_uid: "));
        Assert.That(await RosterVersionAsync(), Is.EqualTo(before));
    }

    [TestCase("04A1B2", "8, 14 or 20 hex digits")]
    [TestCase("04A1B2ZZ", "hexadecimal")]
    public async Task A_malformed_card_uid_is_refused_naming_the_field(string uid, string problem)
    {
        var custodian = await RegisteredCustodianAsync("sun");

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.Administrator.Organization.SetAccessCardAsync(new SetAccessCardRequest { PersonId = custodian.PersonId, CardUid = uid }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("card_uid: ").And.Contain(problem));
    }

    [Test]
    public async Task An_administrator_of_another_village_cannot_register_a_card_for_this_villages_custodian()
    {
        var custodian = await RegisteredCustodianAsync("qian");
        var other = await Village.CreateUniqueAsync(_host, "waicun");

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await other.Administrator.Organization.SetAccessCardAsync(new SetAccessCardRequest { PersonId = custodian.PersonId, CardUid = "04A1B2C5" }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    [Test]
    public async Task The_village_policy_reaches_the_roster_and_an_unspecified_one_is_refused()
    {
        var village = (await _village.Administrator.Organization.SetCabinetAuthPolicyAsync(
            new SetCabinetAuthPolicyRequest { VillageId = _village.VillageId, Policy = CabinetAuthPolicy.PinAndCard })).Village;
        var error = Assert.ThrowsAsync<RpcException>(async () => await _village.Administrator.Organization.SetCabinetAuthPolicyAsync(
            new SetCabinetAuthPolicyRequest { VillageId = _village.VillageId, Policy = CabinetAuthPolicy.Unspecified }));
        var (roster, _) = await FetchRosterAsync(0);

        Assert.That(village.CabinetAuthPolicy, Is.EqualTo(CabinetAuthPolicy.PinAndCard));
        Assert.That(roster.Policy, Is.EqualTo(CabinetAuthPolicy.PinAndCard));
        Assert.That(roster.Version, Is.EqualTo(village.RosterVersion));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("policy: "));
    }

    [Test]
    public async Task Cancelling_a_request_withdraws_its_grant_on_the_withdrawals_topic_and_in_every_FetchGrants_answer()
    {
        await using var device = await DeviceMqtt.ConnectAsCabinetAsync("127.0.0.1", _host.EmbeddedBrokerPort, _village.Cabinet);
        await device.SubscribeAsync($"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/withdrawals");
        var request = await _village.SubmitAsync();
        var grant = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;

        await _village.Custodian.Requests.CancelRequestAsync(new CancelRequestRequest { RequestId = request.RequestId, Reason = "申请人撤回" });
        var published = VerifyWithdrawal(SignedWithdrawal.Parser.ParseFrom(await NextPayloadAsync(device)));
        var fetched = (await FetchAsync(0)).Withdrawals.Select(VerifyWithdrawal).ToList();

        Assert.That(published.GrantId, Is.EqualTo(grant.GrantId));
        Assert.That(published.Counter, Is.EqualTo(grant.Counter));
        Assert.That(published.DeviceId, Is.EqualTo(_village.Cabinet.DeviceId));
        Assert.That(published.Reason, Is.EqualTo("request cancelled"));
        Assert.That(fetched.Select(w => w.GrantId), Is.EqualTo(new[] { grant.GrantId }));
    }

    private async Task<(string PersonId, CloudClients Clients)> RegisteredCustodianAsync(string purpose)
    {
        var personId = await _village.AddPersonAsync(purpose, new RoleAssignment { Role = Role.Custodian, VillageId = _village.VillageId });
        return (personId, _host.As(personId, $"custodian@village:{_village.VillageId}"));
    }

    private async Task<ulong> RosterVersionAsync() =>
        (await Village.GlobalAdministrator(_host).Organization.ListVillagesAsync(new ListVillagesRequest { TownId = _village.TownId }))
            .Villages.Single(v => v.VillageId == _village.VillageId).RosterVersion;

    private Task<FetchGrantsResponse> FetchAsync(ulong rosterVersion) =>
        _host.Anonymous().Gateway.FetchGrantsAsync(
            GrantChecks.FetchRequest(_village.Cabinet.DeviceId, _village.Cabinet.Secret, 0, RandomNumberGenerator.GetBytes(16), rosterVersion)).ResponseAsync;

    private async Task<(CustodianRoster Roster, byte[] Raw)> FetchRosterAsync(ulong heldVersion)
    {
        var signed = (await FetchAsync(heldVersion)).Roster;
        Assert.That(signed, Is.Not.Null, "the cabinet holds an older roster than the village's");
        return (VerifyRoster(signed!), signed!.Roster.ToByteArray());
    }

    private CustodianRoster VerifyRoster(SignedRoster signed)
    {
        var expected = TestCrypto.Mac(TestCrypto.Key(_village.Cabinet.Secret, "roster"), signed.Roster.ToByteArray());
        Assert.That(signed.Mac.ToByteArray(), Is.EqualTo(expected), "roster MAC under the device's roster key");
        return CustodianRoster.Parser.ParseFrom(signed.Roster);
    }

    private GrantWithdrawal VerifyWithdrawal(SignedWithdrawal signed)
    {
        var expected = TestCrypto.Mac(TestCrypto.Key(_village.Cabinet.Secret, "withdrawal"), signed.Withdrawal.ToByteArray());
        Assert.That(signed.Mac.ToByteArray(), Is.EqualTo(expected), "withdrawal MAC under the device's withdrawal key");
        return GrantWithdrawal.Parser.ParseFrom(signed.Withdrawal);
    }

    private static async Task<byte[]> NextPayloadAsync(DeviceMqtt device) => (await device.NextMessageAsync()).Payload.ToArray();

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
