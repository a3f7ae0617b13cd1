using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Records;
using SealCabinet.Passkeys.Software;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// A newly registered passkey is endorsed by an administrator's own endorsed passkey before it signs decisions
/// (docs/supervision.md §11.7): the root administrator's first passkey endorses itself, the registration enters the
/// ledger with the endorser's signature, and every way an endorsement can be wrong is refused and changes nothing.
/// </summary>
[TestFixture]
public sealed class PasskeyEndorsementTests
{
    private CloudServiceHost _host = null!;
    private Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _host = await CloudServiceHost.StartAsync("endorsing", new Dictionary<string, string?> { ["Approvals:RequireSignature"] = "true" });

    [SetUp]
    public async Task NewVillageAsync() => _village = await Village.CreateUniqueAsync(_host, "beishu");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task A_registered_passkey_signs_in_but_signs_no_decision_until_an_administrator_endorses_it()
    {
        using var passkey = new SoftwarePasskey();
        var (approverId, approver) = await EnrolledAsync("zhao", Approver(), passkey);
        var request = await _village.SubmitAsync();

        var refused = Assert.ThrowsAsync<RpcException>(async () => await approver.Requests.BeginDecisionSignatureAsync(
            new BeginDecisionSignatureRequest { RequestId = request.RequestId, Decision = DecisionKind.Approve }));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(refused.Status.Detail, Does.Contain("is not endorsed yet"));
        Assert.That(await RegistrationsAsync(passkey), Is.Empty, "an unendorsed passkey is not in the ledger");

        await Village.EndorseAsync(_host, approverId, passkey.CredentialId);

        var registration = (await RegistrationsAsync(passkey)).Single();
        Assert.That(registration.GetText("enrolled_by"), Is.EqualTo(Village.RootAdministratorId));
        var endorsement = SignedStatement.FromRecord(registration)!;
        var root = await _host.RootPasskeyAsync();
        Assert.That(endorsement.CredentialId, Is.EqualTo(root.CredentialId));
        Assert.That(WebAuthnVerifier.Verify(root.CosePublicKey, endorsement, "localhost", ["http://localhost"]).Valid, Is.True,
            "the root's signature over the endorsement verifies with the root's key alone");
        var statement = CredentialEndorsements.Parse(endorsement.Statement);
        Assert.That(statement.GetText("public_key_sha256"), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(passkey.CosePublicKey))));
        Assert.That(statement.GetText("person_id"), Is.EqualTo(approverId));
        Assert.That(await approver.Requests.BeginDecisionSignatureAsync(new BeginDecisionSignatureRequest { RequestId = request.RequestId, Decision = DecisionKind.Approve }),
            Is.Not.Null, "once endorsed, the passkey signs");
    }

    [Test]
    public async Task The_root_administrators_first_passkey_endorses_itself_and_the_ledger_records_a_root()
    {
        var root = await _host.RootPasskeyAsync();

        var passkey = (await Village.GlobalAdministrator(_host).Organization.ListPasskeysAsync(new ListPasskeysRequest())).Passkeys.Single();
        Assert.That(passkey.Root, Is.True);
        Assert.That(passkey.EndorsedBy, Is.EqualTo(Village.RootAdministratorId));
        var registration = (await RegistrationsAsync(root)).Single();
        Assert.That(SignedStatement.FromRecord(registration)!.CredentialId, Is.EqualTo(root.CredentialId), "signed by the passkey it registers");
        Assert.That(registration.GetText("person_id"), Is.EqualTo(Village.RootAdministratorId));
    }

    [Test]
    public async Task An_administrator_who_is_not_a_root_administrator_cannot_endorse_their_own_first_passkey()
    {
        using var passkey = new SoftwarePasskey();
        var (adminId, admin) = await EnrolledAsync("admin", Administrator(), passkey);

        var error = Assert.ThrowsAsync<RpcException>(async () => await Village.EndorseAsync(admin, passkey, adminId, passkey.CredentialId));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(error.Status.Detail, Does.Contain("Approvals:RootAdministrators"));
        Assert.That(await RegistrationsAsync(passkey), Is.Empty);
    }

    [Test]
    public async Task A_village_administrator_endorsed_by_the_root_endorses_an_approver_and_the_people_list_shows_who_waits()
    {
        using var adminPasskey = new SoftwarePasskey();
        using var approverPasskey = new SoftwarePasskey();
        var (adminId, admin) = await EnrolledAsync("admin", Administrator(), adminPasskey);
        await Village.EndorseAsync(_host, adminId, adminPasskey.CredentialId);
        var (approverId, _) = await EnrolledAsync("qian", Approver(), approverPasskey);
        Assert.That((await PersonAsync(approverId)).UnendorsedPasskeyCount, Is.EqualTo(1));

        var begun = await admin.Organization.BeginPasskeyEndorsementAsync(
            new BeginPasskeyEndorsementRequest { PersonId = approverId, CredentialId = ByteString.CopyFrom(approverPasskey.CredentialId) });
        Assert.That(begun.Root, Is.False);
        Assert.That(begun.Fingerprint, Is.EqualTo(CredentialEndorsements.Fingerprint(approverPasskey.CosePublicKey)));
        var endorsed = await admin.Organization.EndorsePasskeyAsync(
            new EndorsePasskeyRequest { CeremonyId = begun.CeremonyId, CredentialJson = adminPasskey.Authenticate(begun.OptionsJson) });

        Assert.That(endorsed.Passkey.EndorsedBy, Is.EqualTo(adminId));
        Assert.That((await PersonAsync(approverId)).UnendorsedPasskeyCount, Is.Zero);
        var registration = (await RegistrationsAsync(approverPasskey)).Single();
        Assert.That(registration.GetText("enrolled_by"), Is.EqualTo(adminId));
        Assert.That(WebAuthnVerifier.Verify(adminPasskey.CosePublicKey, SignedStatement.FromRecord(registration)!, "localhost", ["http://localhost"]).Valid, Is.True);
    }

    [Test]
    public async Task An_administrator_outside_the_persons_roles_cannot_endorse_their_passkey()
    {
        var elsewhere = await Village.CreateUniqueAsync(_host, "beishu-b");
        using var adminPasskey = new SoftwarePasskey();
        var otherAdminId = await elsewhere.AddPersonAsync("admin", new RoleAssignment { Role = Role.Administrator, VillageId = elsewhere.VillageId });
        await Village.EnrolPasskeyAsync(_host, await elsewhere.InviteAsync(otherAdminId), adminPasskey);
        await Village.EndorseAsync(_host, otherAdminId, adminPasskey.CredentialId);
        using var passkey = new SoftwarePasskey();
        var (approverId, _) = await EnrolledAsync("sun", Approver(), passkey);

        var error = Assert.ThrowsAsync<RpcException>(async () => await Village.EndorseAsync(elsewhere.Administrator, adminPasskey, approverId, passkey.CredentialId));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.Status.Detail, Does.Contain("outside your administrator scope"));
        Assert.That(await RegistrationsAsync(passkey), Is.Empty);
    }

    [Test]
    public async Task An_endorsement_signed_with_an_unendorsed_passkey_of_the_administrator_is_refused_and_changes_nothing()
    {
        using var endorsedPasskey = new SoftwarePasskey();
        using var secondPasskey = new SoftwarePasskey();
        var (adminId, admin) = await EnrolledAsync("admin", Administrator(), endorsedPasskey);
        await Village.EndorseAsync(_host, adminId, endorsedPasskey.CredentialId);
        await Village.EnrolPasskeyAsync(_host, await _village.InviteAsync(adminId), secondPasskey);
        using var passkey = new SoftwarePasskey();
        var (approverId, _) = await EnrolledAsync("li", Approver(), passkey);

        var error = Assert.ThrowsAsync<RpcException>(async () => await Village.EndorseAsync(admin, secondPasskey, approverId, passkey.CredentialId));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.Status.Detail, Does.Contain("credential_json: signed with a passkey of yours that no administrator endorsed"));
        Assert.That(await RegistrationsAsync(passkey), Is.Empty);
        Assert.That((await PersonAsync(approverId)).UnendorsedPasskeyCount, Is.EqualTo(1));
    }

    [Test]
    public async Task An_endorsement_ceremony_finishes_once_and_an_endorsed_passkey_is_not_endorsed_again()
    {
        using var passkey = new SoftwarePasskey();
        var (approverId, _) = await EnrolledAsync("zhou", Approver(), passkey);
        var root = await _host.RootPasskeyAsync();
        var admin = Village.GlobalAdministrator(_host);
        var begun = await admin.Organization.BeginPasskeyEndorsementAsync(
            new BeginPasskeyEndorsementRequest { PersonId = approverId, CredentialId = ByteString.CopyFrom(passkey.CredentialId) });
        var signed = new EndorsePasskeyRequest { CeremonyId = begun.CeremonyId, CredentialJson = root.Authenticate(begun.OptionsJson) };
        await admin.Organization.EndorsePasskeyAsync(signed);

        var replay = Assert.ThrowsAsync<RpcException>(async () => await admin.Organization.EndorsePasskeyAsync(signed));
        var again = Assert.ThrowsAsync<RpcException>(async () => await admin.Organization.BeginPasskeyEndorsementAsync(
            new BeginPasskeyEndorsementRequest { PersonId = approverId, CredentialId = ByteString.CopyFrom(passkey.CredentialId) }));

        Assert.That(replay!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(replay.Status.Detail, Does.StartWith("ceremony_id: unknown, expired, already used"));
        Assert.That(again!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(again.Status.Detail, Does.Contain("was already endorsed by 'root-admin'"));
        Assert.That(await RegistrationsAsync(passkey), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_endorsement_started_by_one_administrator_cannot_be_finished_by_another()
    {
        using var adminPasskey = new SoftwarePasskey();
        var (adminId, admin) = await EnrolledAsync("admin", Administrator(), adminPasskey);
        await Village.EndorseAsync(_host, adminId, adminPasskey.CredentialId);
        using var passkey = new SoftwarePasskey();
        var (approverId, _) = await EnrolledAsync("wu", Approver(), passkey);
        var begun = await admin.Organization.BeginPasskeyEndorsementAsync(
            new BeginPasskeyEndorsementRequest { PersonId = approverId, CredentialId = ByteString.CopyFrom(passkey.CredentialId) });

        var root = await _host.RootPasskeyAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await Village.GlobalAdministrator(_host).Organization.EndorsePasskeyAsync(
            new EndorsePasskeyRequest { CeremonyId = begun.CeremonyId, CredentialJson = root.Authenticate(begun.OptionsJson) }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(await RegistrationsAsync(passkey), Is.Empty);
    }

    [Test]
    public async Task A_passkey_revoked_while_its_endorsement_was_being_signed_is_not_endorsed()
    {
        using var passkey = new SoftwarePasskey();
        var (approverId, _) = await EnrolledAsync("zheng", Approver(), passkey);
        var root = await _host.RootPasskeyAsync();
        var admin = Village.GlobalAdministrator(_host);
        var begun = await admin.Organization.BeginPasskeyEndorsementAsync(
            new BeginPasskeyEndorsementRequest { PersonId = approverId, CredentialId = ByteString.CopyFrom(passkey.CredentialId) });
        var revoked = await _village.Administrator.Organization.RevokePasskeysAsync(new RevokePasskeysRequest { PersonId = approverId, Reason = "手机遗失" });

        var error = Assert.ThrowsAsync<RpcException>(async () => await admin.Organization.EndorsePasskeyAsync(
            new EndorsePasskeyRequest { CeremonyId = begun.CeremonyId, CredentialJson = root.Authenticate(begun.OptionsJson) }));

        Assert.That(revoked.Revoked, Is.EqualTo(1));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(error.Status.Detail, Does.Contain("the passkey was revoked meanwhile"));
        var entries = (await LedgerRecordsAsync()).Where(r => r.Kind.StartsWith("person.credential.", StringComparison.Ordinal)
            && r.GetText("credential_id") == Convert.ToBase64String(passkey.CredentialId));
        Assert.That(entries, Is.Empty, "a passkey that never entered the ledger needs no revocation entry either");
    }

    [Test]
    public async Task A_person_sees_their_own_passkeys_fingerprint_but_not_another_persons_passkeys()
    {
        using var passkey = new SoftwarePasskey();
        var (_, approver) = await EnrolledAsync("feng", Approver(), passkey);

        var own = (await approver.Organization.ListPasskeysAsync(new ListPasskeysRequest())).Passkeys.Single();
        var error = Assert.ThrowsAsync<RpcException>(async () => await approver.Organization.ListPasskeysAsync(
            new ListPasskeysRequest { PersonId = Village.RootAdministratorId }));

        Assert.That(own.Fingerprint, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(passkey.CosePublicKey))));
        Assert.That(own.CredentialId.ToByteArray(), Is.EqualTo(passkey.CredentialId));
        Assert.That(own.EndorsedBy, Is.Empty);
        Assert.That(own.EndorsedTime, Is.Null);
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    private RoleAssignment Approver() => new() { Role = Role.Approver, VillageId = _village.VillageId, SealKind = SealKind.Committee };

    private RoleAssignment Administrator() => new() { Role = Role.Administrator, VillageId = _village.VillageId };

    /// <summary>A person of the village with <paramref name="role"/> (the token of <see cref="Village"/>'s callers for that purpose) and a registered, unendorsed passkey.</summary>
    private async Task<(string PersonId, CloudClients Clients)> EnrolledAsync(string purpose, RoleAssignment role, SoftwarePasskey passkey)
    {
        var personId = await _village.AddPersonAsync(purpose, role);
        await Village.EnrolPasskeyAsync(_host, await _village.InviteAsync(personId), passkey);
        var claim = role.Role == Role.Administrator ? $"administrator@village:{_village.VillageId}" : $"approver:COMMITTEE@village:{_village.VillageId}";
        return (personId, _host.As(personId, claim));
    }

    private async Task<Person> PersonAsync(string personId) =>
        (await _village.Administrator.Organization.ListPeopleAsync(new ListPeopleRequest { VillageId = _village.VillageId })).People.Single(p => p.PersonId == personId);

    private async Task<List<LedgerRecord>> RegistrationsAsync(SoftwarePasskey passkey) =>
        [.. (await LedgerRecordsAsync()).Where(r => r.Kind == LedgerRecordKinds.PersonCredentialRegistered
            && r.GetText("credential_id") == Convert.ToBase64String(passkey.CredentialId))];

    private Task<List<LedgerRecord>> LedgerRecordsAsync() => _host.LedgerRecordsAsync();
}
