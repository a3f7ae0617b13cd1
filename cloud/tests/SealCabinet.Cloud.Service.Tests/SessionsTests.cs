using Grpc.Core;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Passkeys.Software;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// Console sign-in against the real service over gRPC-Web with a cookie jar: invitation, passkey enrolment and
/// sign-in (a software authenticator in place of the phone), the session's reach, and everything that must end it.
/// </summary>
[TestFixture]
public sealed class SessionsTests
{
    private CloudServiceHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _host = await CloudServiceHost.StartAsync("sessions", new Dictionary<string, string?> { ["Notifications:StreamRecheckInterval"] = "00:00:00.500" });

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task An_invited_custodian_enrols_a_passkey_and_the_session_reaches_their_village_only()
    {
        var village = await Village.CreateUniqueAsync(_host, "enrol");
        var other = await Village.CreateUniqueAsync(_host, "enrol-other");
        var personId = await village.AddPersonAsync("custodian", new RoleAssignment { Role = Role.Custodian, VillageId = village.VillageId });
        using var passkey = new SoftwarePasskey();

        var (browser, jar) = _host.Browser();
        var session = await EnrolAsync(browser, await village.InviteAsync(personId), passkey);

        Assert.That(session.Person.PersonId, Is.EqualTo(personId));
        Assert.That(session.Person.PasskeyCount, Is.EqualTo(1));
        Assert.That(session.Person.Roles.Single().VillageId, Is.EqualTo(village.VillageId));
        var cookie = jar.LastSetCookie.Single(c => c.StartsWith("sealcabinet_session=", StringComparison.Ordinal));
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);

        var own = await browser.Requests.ListRequestsAsync(new ListRequestsRequest { VillageId = village.VillageId });
        Assert.That(own.Requests, Is.Empty);
        var foreign = Assert.ThrowsAsync<RpcException>(async () =>
            await browser.Requests.ListRequestsAsync(new ListRequestsRequest { VillageId = other.VillageId }));
        Assert.That(foreign!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));

        var filed = await browser.Requests.SubmitRequestAsync(village.CommitteeSubmission());
        Assert.That(filed.Request.CustodianId, Is.EqualTo(personId), "the session acts as the enrolled person");
    }

    [Test]
    public async Task A_registered_passkey_signs_in_again_from_a_new_browser()
    {
        var village = await Village.CreateUniqueAsync(_host, "signin");
        var personId = await village.AddPersonAsync("approver", new RoleAssignment { Role = Role.Approver, VillageId = village.VillageId, SealKind = SealKind.Committee });
        using var passkey = new SoftwarePasskey();
        await EnrolAsync(_host.Browser().Clients, await village.InviteAsync(personId), passkey);

        var (browser, _) = _host.Browser();
        var session = await SignInAsync(browser, passkey);

        Assert.That(session.Person.PersonId, Is.EqualTo(personId));
        var read = await browser.Sessions.GetSessionAsync(new GetSessionRequest());
        Assert.That(read.Session.Person.Roles.Single().SealKind, Is.EqualTo(SealKind.Committee));
    }

    [Test]
    public async Task A_revoked_role_stops_working_at_the_next_call()
    {
        var village = await Village.CreateUniqueAsync(_host, "revoke");
        var role = new RoleAssignment { Role = Role.Custodian, VillageId = village.VillageId };
        var personId = await village.AddPersonAsync("custodian", role);
        using var passkey = new SoftwarePasskey();
        var (browser, _) = _host.Browser();
        await EnrolAsync(browser, await village.InviteAsync(personId), passkey);
        await browser.Requests.ListRequestsAsync(new ListRequestsRequest { VillageId = village.VillageId });

        await village.Administrator.Organization.RevokeRoleAsync(new RevokeRoleRequest { PersonId = personId, Assignment = role });

        var refused = Assert.ThrowsAsync<RpcException>(async () =>
            await browser.Requests.ListRequestsAsync(new ListRequestsRequest { VillageId = village.VillageId }));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    [Test]
    public async Task A_session_call_without_the_console_header_is_not_authenticated()
    {
        var village = await Village.CreateUniqueAsync(_host, "csrf");
        var personId = await village.AddPersonAsync("custodian", new RoleAssignment { Role = Role.Custodian, VillageId = village.VillageId });
        using var passkey = new SoftwarePasskey();
        var (browser, jar) = _host.Browser();
        await EnrolAsync(browser, await village.InviteAsync(personId), passkey);

        // The same cookie, sent the way a cross-site form or image would: without the header.
        var (forged, forgedJar) = _host.Browser(sendCsrfHeader: false);
        forgedJar.Cookies.Add(jar.Cookies.GetAllCookies());
        var refused = Assert.ThrowsAsync<RpcException>(async () =>
            await forged.Requests.ListRequestsAsync(new ListRequestsRequest { VillageId = village.VillageId }));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
    }

    [Test]
    public async Task Sign_out_ends_the_session_for_calls_and_for_an_open_notification_stream()
    {
        var village = await Village.CreateUniqueAsync(_host, "signout");
        using var passkey = new SoftwarePasskey();
        var (browser, stream, second, secondJar) = await ApproverStreamAsync(village, passkey);
        using var open = stream;

        await second.Sessions.SignOutAsync(new SignOutRequest());
        await village.SubmitAsync();

        var ended = Assert.ThrowsAsync<RpcException>(async () => await stream.ResponseStream.MoveNext(CancellationToken.None));
        Assert.That(ended!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated), "the stream must not deliver the new request after sign-out");
        var refused = Assert.ThrowsAsync<RpcException>(async () => await browser.Sessions.GetSessionAsync(new GetSessionRequest()));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(secondJar.Cookies.GetAllCookies().Any(c => c.Name == "sealcabinet_session" && !c.Expired), Is.False, "sign-out clears the cookie");
    }

    [Test]
    public async Task A_quiet_notification_stream_ends_after_sign_out_without_waiting_for_a_notification()
    {
        var village = await Village.CreateUniqueAsync(_host, "quiet");
        using var passkey = new SoftwarePasskey();
        var (_, stream, second, _) = await ApproverStreamAsync(village, passkey);
        using var open = stream;

        await second.Sessions.SignOutAsync(new SignOutRequest());

        // Nothing is filed: the stream must end on its own periodic check (every 0.5 s here), bounded by 30 s.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ended = Assert.ThrowsAsync<RpcException>(async () => await stream.ResponseStream.MoveNext(bound.Token));
        Assert.That(ended!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(ended.Status.Detail, Does.Contain("the session ended"));
    }

    /// <summary>
    /// An approver of the village signed in with a passkey in one browser, with an open notification stream, and a second
    /// browser holding the same session cookie (for signing out from elsewhere).
    /// </summary>
    private async Task<(CloudClients Browser, AsyncServerStreamingCall<Notification> Stream, CloudClients Second, CookieJarHandler SecondJar)> ApproverStreamAsync(
        Village village, SoftwarePasskey passkey)
    {
        var personId = await village.AddPersonAsync("approver", new RoleAssignment { Role = Role.Approver, VillageId = village.VillageId, SealKind = SealKind.Committee });
        var (browser, jar) = _host.Browser();
        await EnrolAsync(browser, await village.InviteAsync(personId), passkey);
        var stream = browser.Notifications.Subscribe(new SubscribeRequest());
        await stream.ResponseHeadersAsync;
        var (second, secondJar) = _host.Browser();
        secondJar.Cookies.Add(jar.Cookies.GetAllCookies());
        return (browser, stream, second, secondJar);
    }

    [Test]
    public async Task An_enrolment_code_works_once()
    {
        var village = await Village.CreateUniqueAsync(_host, "once");
        var personId = await village.AddPersonAsync("custodian", new RoleAssignment { Role = Role.Custodian, VillageId = village.VillageId });
        var code = await village.InviteAsync(personId);
        using var passkey = new SoftwarePasskey();
        await EnrolAsync(_host.Browser().Clients, code, passkey);

        var again = Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Browser().Clients.Sessions.BeginEnrolmentAsync(new BeginEnrolmentRequest { EnrolmentCode = code }));
        Assert.That(again!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(again.Status.Detail, Does.StartWith("enrolment_code"));
    }

    [Test]
    public async Task A_replayed_sign_in_response_starts_no_second_session()
    {
        var village = await Village.CreateUniqueAsync(_host, "replay");
        var personId = await village.AddPersonAsync("custodian", new RoleAssignment { Role = Role.Custodian, VillageId = village.VillageId });
        using var passkey = new SoftwarePasskey();
        await EnrolAsync(_host.Browser().Clients, await village.InviteAsync(personId), passkey);
        var (browser, _) = _host.Browser();
        var begun = await browser.Sessions.BeginSignInAsync(new BeginSignInRequest());
        var answer = new FinishSignInRequest { CeremonyId = begun.CeremonyId, CredentialJson = passkey.Authenticate(begun.OptionsJson) };
        await browser.Sessions.FinishSignInAsync(answer);

        var (attacker, attackerJar) = _host.Browser();
        var replay = Assert.ThrowsAsync<RpcException>(async () => await attacker.Sessions.FinishSignInAsync(answer));
        Assert.That(replay!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(replay.Status.Detail, Does.StartWith("ceremony_id"));
        Assert.That(attackerJar.Cookies.Count, Is.Zero);
    }

    [Test]
    public async Task A_passkey_answer_from_another_origin_is_refused()
    {
        var village = await Village.CreateUniqueAsync(_host, "origin");
        var personId = await village.AddPersonAsync("custodian", new RoleAssignment { Role = Role.Custodian, VillageId = village.VillageId });
        using var passkey = new SoftwarePasskey { Origin = "http://localhost.phishing.example" };
        var code = await village.InviteAsync(personId);
        var (browser, jar) = _host.Browser();
        var begun = await browser.Sessions.BeginEnrolmentAsync(new BeginEnrolmentRequest { EnrolmentCode = code });

        var refused = Assert.ThrowsAsync<RpcException>(async () => await browser.Sessions.FinishEnrolmentAsync(new FinishEnrolmentRequest
        {
            EnrolmentCode = code,
            CeremonyId = begun.CeremonyId,
            CredentialJson = passkey.Register(begun.OptionsJson),
        }));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(refused.Status.Detail, Does.StartWith("credential_json").And.Contain("origin").IgnoreCase);
        Assert.That(jar.Cookies.Count, Is.Zero);
        var people = await village.Administrator.Organization.ListPeopleAsync(new ListPeopleRequest { VillageId = village.VillageId });
        Assert.That(people.People.Single(p => p.PersonId == personId).PasskeyCount, Is.Zero, "nothing was registered");
    }

    [Test]
    public async Task Malformed_credential_json_is_refused_naming_the_field()
    {
        var village = await Village.CreateUniqueAsync(_host, "malformed");
        var personId = await village.AddPersonAsync("custodian", new RoleAssignment { Role = Role.Custodian, VillageId = village.VillageId });
        var code = await village.InviteAsync(personId);
        var browser = _host.Browser().Clients;
        var begun = await browser.Sessions.BeginEnrolmentAsync(new BeginEnrolmentRequest { EnrolmentCode = code });

        var refused = Assert.ThrowsAsync<RpcException>(async () => await browser.Sessions.FinishEnrolmentAsync(new FinishEnrolmentRequest
        {
            EnrolmentCode = code,
            CeremonyId = begun.CeremonyId,
            CredentialJson = "{\"id\": 7",
        }));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(refused.Status.Detail, Does.StartWith("credential_json"));
    }

    [Test]
    public async Task Without_a_configured_provider_only_passkeys_are_offered_and_an_organisation_sign_in_is_refused()
    {
        var browser = _host.Browser().Clients;

        var methods = await browser.Sessions.GetSignInMethodsAsync(new GetSignInMethodsRequest());
        var begin = Assert.ThrowsAsync<RpcException>(async () => await browser.Sessions.BeginOidcSignInAsync(new BeginOidcSignInRequest()));
        var finish = Assert.ThrowsAsync<RpcException>(async () =>
            await browser.Sessions.FinishOidcSignInAsync(new FinishOidcSignInRequest { State = "", Code = "abc" }));

        Assert.That(methods.OidcProviderName, Is.Empty);
        Assert.That(begin!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(begin.Status.Detail, Does.Contain("Sessions:Oidc:ClientId"));
        Assert.That(finish!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(finish.Status.Detail, Does.StartWith("state"));
    }

    [Test]
    public async Task A_village_administrator_cannot_invite_someone_who_holds_a_role_outside_the_village()
    {
        var village = await Village.CreateUniqueAsync(_host, "invite-scope");
        var other = await Village.CreateUniqueAsync(_host, "invite-scope-other");
        var personId = await village.AddPersonAsync("both", new RoleAssignment { Role = Role.Custodian, VillageId = village.VillageId });
        await Village.GlobalAdministrator(_host).Organization.AssignRoleAsync(new AssignRoleRequest
        {
            PersonId = personId,
            Assignment = new RoleAssignment { Role = Role.Custodian, VillageId = other.VillageId },
        });

        var refused = Assert.ThrowsAsync<RpcException>(async () =>
            await village.Administrator.Organization.InvitePersonAsync(new InvitePersonRequest { PersonId = personId }));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(refused.Status.Detail, Does.Contain(other.VillageId));
    }

    [Test]
    public async Task A_new_invitation_replaces_the_unused_one()
    {
        var village = await Village.CreateUniqueAsync(_host, "reinvite");
        var personId = await village.AddPersonAsync("custodian", new RoleAssignment { Role = Role.Custodian, VillageId = village.VillageId });
        var first = await village.InviteAsync(personId);
        var second = await village.Administrator.Organization.InvitePersonAsync(new InvitePersonRequest { PersonId = personId, ValidHours = 1 });

        Assert.That(second.EnrolmentPath, Is.EqualTo("/#/enrol/" + second.EnrolmentCode));
        Assert.That(second.ExpiresTime.ToDateTimeOffset(), Is.LessThan(DateTimeOffset.UtcNow.AddHours(1.1)));
        var stale = Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Browser().Clients.Sessions.BeginEnrolmentAsync(new BeginEnrolmentRequest { EnrolmentCode = first }));
        Assert.That(stale!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        var begun = await _host.Browser().Clients.Sessions.BeginEnrolmentAsync(new BeginEnrolmentRequest { EnrolmentCode = second.EnrolmentCode });
        Assert.That(begun.PersonName, Is.EqualTo("测试 " + personId));
    }

    private static async Task<Session> EnrolAsync(CloudClients browser, string code, SoftwarePasskey passkey)
    {
        var begun = await browser.Sessions.BeginEnrolmentAsync(new BeginEnrolmentRequest { EnrolmentCode = code });
        var finished = await browser.Sessions.FinishEnrolmentAsync(new FinishEnrolmentRequest
        {
            EnrolmentCode = code,
            CeremonyId = begun.CeremonyId,
            CredentialJson = passkey.Register(begun.OptionsJson),
        });
        return finished.Session;
    }

    private static async Task<Session> SignInAsync(CloudClients browser, SoftwarePasskey passkey)
    {
        var begun = await browser.Sessions.BeginSignInAsync(new BeginSignInRequest());
        var finished = await browser.Sessions.FinishSignInAsync(new FinishSignInRequest
        {
            CeremonyId = begun.CeremonyId,
            CredentialJson = passkey.Authenticate(begun.OptionsJson),
        });
        return finished.Session;
    }
}
