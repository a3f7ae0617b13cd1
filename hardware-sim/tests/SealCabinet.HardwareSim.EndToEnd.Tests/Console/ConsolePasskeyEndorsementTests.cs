using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SealCabinet.Contracts.V1;
using SealCabinet.HardwareSim.Demo;
using SealCabinet.Ledger.Bundles;
using SealCabinet.Ledger.Signing;
using static Microsoft.Playwright.Assertions;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// A newly enrolled passkey signs decisions only once an administrator endorsed it: the person sees its fingerprint
/// on My passkeys, the administrator sees the same one on the People screen, compares the two and endorses it with
/// their own endorsed passkey in the browser. The approvers here are enrolled without the root administrator's
/// endorsement through the API that the other console tests use.
/// </summary>
[TestFixture]
public sealed class ConsolePasskeyEndorsementTests
{
    [Test]
    public async Task An_approver_enrolled_without_endorsement_sees_the_fingerprint_awaiting_and_an_approval_attempt_records_nothing_and_points_to_My_passkeys()
    {
        using var village = await ConsoleVillage.CreateAsync("endorse-awaiting");
        var requestId = await village.FileRequestAsync();
        var approverId = village.World.Approver.PersonId;

        await using var approver = await village.EnrolAsync(village.World.Approver, endorse: false);

        // Enrolment lands on the new passkey's fingerprint, which an administrator will ask for.
        await approver.WaitForRouteAsync(new Regex("#/passkeys$"));
        var listed = (await PasskeysAsync(village, approverId)).Single();
        await Expect(approver.ById("my-passkey-fingerprint")).ToHaveTextAsync(Short(listed.Fingerprint));
        await Expect(approver.ById("my-passkey-state")).ToHaveAttributeAsync("data-state", "awaiting");
        await Expect(approver.ById("my-passkey-state")).ToHaveTextAsync("待管理员认可");
        await Expect(approver.Page.GetByRole(AriaRole.Link, new() { Name = "我的通行密钥" })).ToHaveAttributeAsync("aria-current", "page");
        await approver.ScreenshotAsync("my-passkeys-phone");

        await approver.GoAsync($"#/requests/{requestId}");
        await approver.ById("approve").ClickAsync();

        await Expect(approver.ById("error")).ToContainTextAsync("您的通行密钥还没有经管理员认可");
        await Expect(approver.ById("error")).ToContainTextAsync("没有做任何决定");
        await Expect(approver.ById("signing-statement")).ToHaveCountAsync(0);
        await Expect(approver.ById("approve")).ToBeEnabledAsync();
        var stored = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        Assert.That(stored.Decisions, Is.Empty, "nothing was recorded");
        Assert.That(stored.State, Is.EqualTo(RequestState.Submitted));

        await approver.ById("my-passkeys-link").ClickAsync();
        await approver.WaitForRouteAsync(new Regex("#/passkeys$"));
        await Expect(approver.ById("my-passkey-fingerprint")).ToHaveTextAsync(Short(listed.Fingerprint));
    }

    [Test]
    public async Task A_village_administrator_endorses_the_approvers_passkey_in_the_browser_after_comparing_fingerprints_and_the_approval_then_signs()
    {
        using var village = await ConsoleVillage.CreateAsync("endorse-village");
        var requestId = await village.FileRequestAsync();
        var approverId = village.World.Approver.PersonId;
        var administrator = await village.AddVillageAdministratorAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver, endorse: false);
        await using var desk = await village.EnrolAsync(administrator, ConsolePerson.Desk);
        await Expect(approver.ById("my-passkey-fingerprint")).ToBeVisibleAsync();
        var onThePhone = await approver.ById("my-passkey-fingerprint").InnerTextAsync();

        await desk.GoAsync("#/people");
        var row = PersonRow(desk, approverId);
        await Expect(row.GetByTestId("passkeys-awaiting")).ToHaveTextAsync("1 个通行密钥待认可");
        await row.GetByTestId("passkeys").ClickAsync();
        await Expect(row.GetByTestId("passkeys")).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(row.GetByTestId("passkey-fingerprint")).ToHaveTextAsync(onThePhone);
        await Expect(row.GetByTestId("passkey-state")).ToHaveAttributeAsync("data-state", "awaiting");
        await Expect(row.GetByTestId("passkeys-panel")).ToContainTextAsync("当面或打电话");
        await row.EvaluateAsync("row => row.scrollIntoView({ block: 'start' })");
        await desk.ScreenshotAsync("people-endorse-desk");

        await row.GetByTestId("endorse").ClickAsync();

        await Expect(row.GetByTestId("notice")).ToContainTextAsync($"已认可 {village.World.Approver.Name} 的通行密钥 {onThePhone}");
        await Expect(row.GetByTestId("passkey-state")).ToHaveAttributeAsync("data-state", "endorsed");
        await Expect(row.GetByTestId("passkey-state")).ToContainTextAsync($"已由 {administrator.PersonId} 认可");
        await Expect(row.GetByTestId("endorse")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("passkeys-awaiting")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("error")).ToHaveCountAsync(0);
        var endorsed = (await PasskeysAsync(village, approverId)).Single();
        Assert.That(endorsed.EndorsedBy, Is.EqualTo(administrator.PersonId), "the service holds the endorsement by the administrator who tapped");
        Assert.That(endorsed.Root, Is.False);
        Assert.That(Short(endorsed.Fingerprint), Is.EqualTo(onThePhone));

        await approver.ApproveSignedAsync(requestId);
        var decision = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request.Decisions.Single();
        Assert.That(decision.Signed, Is.True);
        Assert.That(decision.CredentialId, Is.EqualTo(endorsed.CredentialId), "the passkey just endorsed signed the approval");

        // The ledger alone shows the chain: the approver's registration carries the administrator's signature, whose
        // own passkey the root endorsed, and the approval verifies under the approver's key.
        var (bundle, _) = await LedgerBundleFetch.WholeLedgerAsync(village.Supervisor.Audit);
        var origin = new Uri(desk.Page.Url).GetLeftPart(UriPartial.Authority);
        var result = BundleVerifier.Verify(bundle, LedgerPublicKey.FromSubjectPublicKeyInfo(bundle.PublicKey), new BundleVerifierOptions
        {
            RelyingPartyId = "localhost",
            AllowedOrigins = [origin],
        });
        var registration = result.Credentials.Single(c => c.PersonId == approverId);
        var endorser = result.Credentials.Single(c => c.PersonId == administrator.PersonId);
        Assert.Multiple(() =>
        {
            Assert.That(registration.Status, Is.EqualTo(CredentialStatus.Endorsed), registration.ToString());
            Assert.That(registration.EndorserId, Is.EqualTo(administrator.PersonId));
            Assert.That(registration.EndorserEntryIndex, Is.EqualTo(endorser.EntryIndex));
            Assert.That(registration.Fingerprint, Is.EqualTo(endorsed.Fingerprint));
            Assert.That(endorser.EndorserId, Is.EqualTo(RootAdministrator.PersonId));
            Assert.That(result.Approvals.Single(a => a.RequestId == requestId).Status, Is.EqualTo(ApprovalStatus.Valid));
        });

        await approver.GoAsync("#/passkeys");
        await Expect(approver.ById("my-passkey-state")).ToHaveAttributeAsync("data-state", "endorsed");
        await Expect(approver.ById("my-passkey-state")).ToContainTextAsync($"已由 {administrator.PersonId} 认可");
    }

    [Test]
    public async Task An_administrator_of_another_village_cannot_endorse_and_the_passkey_stays_awaiting()
    {
        using var village = await ConsoleVillage.CreateAsync("endorse-own");
        using var other = await ConsoleVillage.CreateAsync("endorse-other");
        var approver = village.World.Approver;
        // The approver also holds a role in the other village, so its administrator lists them, but does not cover
        // their approver role here.
        await other.AddPersonAsync(approver, new RoleAssignment { Role = Role.Custodian, VillageId = other.World.VillageId });
        var stranger = await other.AddVillageAdministratorAsync();
        await using var phone = await village.EnrolAsync(approver, endorse: false);
        await using var desk = await other.EnrolAsync(stranger, ConsolePerson.Desk);
        await desk.GoAsync("#/people");
        var row = PersonRow(desk, approver.PersonId);
        await Expect(row.GetByTestId("passkeys-awaiting")).ToBeVisibleAsync();

        await row.GetByTestId("passkeys").ClickAsync();

        await Expect(row.GetByTestId("error")).ToContainTextAsync("您没有进行此操作的权限");
        await Expect(row.GetByTestId("endorse")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("passkeys-awaiting")).ToBeVisibleAsync();
        await Expect(desk.ById("notice")).ToHaveCountAsync(0);
        Assert.That((await PasskeysAsync(village, approver.PersonId)).Single().EndorsedTime, Is.Null, "still awaiting");
        await phone.ById("my-passkeys-refresh").ClickAsync();
        await Expect(phone.ById("my-passkey-state")).ToHaveAttributeAsync("data-state", "awaiting");
    }

    [Test]
    public async Task An_endorsement_the_service_refuses_shows_its_reason_in_the_persons_row_and_changes_nothing()
    {
        using var village = await ConsoleVillage.CreateAsync("endorse-refused");
        using var other = await ConsoleVillage.CreateAsync("endorse-refused-other");
        var approver = village.World.Approver;
        var administrator = await village.AddVillageAdministratorAsync();
        await using var phone = await village.EnrolAsync(approver, endorse: false);
        await using var desk = await village.EnrolAsync(administrator, ConsolePerson.Desk);
        await desk.GoAsync("#/people");
        var row = PersonRow(desk, approver.PersonId);
        await row.GetByTestId("passkeys").ClickAsync();
        await Expect(row.GetByTestId("endorse")).ToBeEnabledAsync();

        // While the panel is open the approver takes on a role in another village, which this administrator does not cover.
        await other.AddPersonAsync(approver, new RoleAssignment { Role = Role.Custodian, VillageId = other.World.VillageId });
        await row.GetByTestId("endorse").ClickAsync();

        await Expect(row.GetByTestId("error")).ToContainTextAsync("您没有进行此操作的权限");
        await Expect(row.GetByTestId("error")).ToContainTextAsync("outside your administrator scope");
        await Expect(row.GetByTestId("passkey-state")).ToHaveAttributeAsync("data-state", "awaiting");
        await Expect(row.GetByTestId("passkeys-awaiting")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("notice")).ToHaveCountAsync(0);
        Assert.That((await PasskeysAsync(village, approver.PersonId)).Single().EndorsedTime, Is.Null, "nothing was endorsed");
    }

    [Test]
    public async Task A_cancelled_passkey_prompt_endorses_nothing_and_the_administrator_can_try_again()
    {
        using var village = await ConsoleVillage.CreateAsync("endorse-cancel");
        var approverId = village.World.Approver.PersonId;
        var administrator = await village.AddVillageAdministratorAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver, endorse: false);
        await using var desk = await village.EnrolAsync(administrator, ConsolePerson.Desk);
        await desk.GoAsync("#/people");
        var row = PersonRow(desk, approverId);
        await row.GetByTestId("passkeys").ClickAsync();
        await Expect(row.GetByTestId("endorse")).ToBeEnabledAsync();

        // The administrator declines the fingerprint / screen-lock check: the prompt ends with NotAllowedError.
        await desk.SetUserVerificationAsync(false);
        await row.GetByTestId("endorse").ClickAsync();

        await Expect(row.GetByTestId("error")).ToContainTextAsync("没有认可");
        await Expect(row.GetByTestId("error")).ToContainTextAsync("没有做任何更改，可以再试一次");
        await Expect(row.GetByTestId("passkey-state")).ToHaveAttributeAsync("data-state", "awaiting");
        await Expect(row.GetByTestId("notice")).ToHaveCountAsync(0);
        Assert.That((await PasskeysAsync(village, approverId)).Single().EndorsedTime, Is.Null, "nothing was endorsed");

        await desk.SetUserVerificationAsync(true);
        await row.GetByTestId("endorse").ClickAsync();

        await Expect(row.GetByTestId("notice")).ToContainTextAsync("已认可");
        await Expect(row.GetByTestId("error")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("passkey-state")).ToHaveAttributeAsync("data-state", "endorsed");
        Assert.That((await PasskeysAsync(village, approverId)).Single().EndorsedBy, Is.EqualTo(administrator.PersonId));
    }

    private static ILocator PersonRow(ConsolePerson person, string personId) =>
        person.Page.Locator($"[data-testid=person-row][data-person-id='{personId}']");

    /// <summary>The person's passkeys as the service holds them (asked by the county administrator's token).</summary>
    private static async Task<IReadOnlyList<Passkey>> PasskeysAsync(ConsoleVillage village, string personId) =>
        (await village.Administrator.Organization.ListPasskeysAsync(new ListPasskeysRequest { PersonId = personId })).Passkeys;

    /// <summary>A fingerprint as the console shows it: its first 16 hex digits in groups of four.</summary>
    private static string Short(string fingerprint) => string.Join(' ', fingerprint[..16].Chunk(4).Select(group => new string(group)));
}
