using Deque.AxeCore.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>The main screens have no serious or critical axe-core violations, at phone and at desk size; the desk screenshots come from here.</summary>
[TestFixture]
public sealed class ConsoleAccessibilityTests
{
    [Test]
    public async Task The_custodian_and_approver_screens_have_no_serious_accessibility_violations()
    {
        using var village = await ConsoleVillage.CreateAsync("a11y-people");
        var requestId = await village.FileRequestAsync();
        await using var custodian = await village.EnrolAsync(village.World.Custodian);
        await using var approver = await village.EnrolAsync(village.World.Approver, ConsolePerson.Desk);

        await AssertAccessibleAsync(custodian, "#/requests/new", "submit", "custodian-new-request-desk");
        await AssertAccessibleAsync(custodian, "#/requests", "request-row");
        await AssertAccessibleAsync(approver, "#/inbox", "request-row", "approver-inbox-desk");
        await AssertAccessibleAsync(approver, $"#/requests/{requestId}", "material-image", "approver-request-desk");
        await approver.ById("approve").ClickAsync();
        await approver.ExpectSignedAsync();
        await AssertNoSeriousViolationsAsync(approver, "the request with its signed statement and history");
    }

    [Test]
    public async Task The_supervisor_and_administrator_screens_have_no_serious_accessibility_violations()
    {
        using var village = await ConsoleVillage.CreateAsync("a11y-supervision");
        await village.AddPersonAsync(village.Supervisor, new Contracts.V1.RoleAssignment { Role = Contracts.V1.Role.Administrator, VillageId = village.World.VillageId });
        await village.FileRequestAsync();
        await using var supervisor = await village.EnrolAsync(village.Supervisor, ConsolePerson.Desk);

        await AssertAccessibleAsync(supervisor, "#/anomalies", "live", "supervisor-anomalies-desk");
        await AssertAccessibleAsync(supervisor, "#/statistics", "stats-seal-kind", "supervisor-statistics-desk");
        await AssertAccessibleAsync(supervisor, "#/ledger", "tree-head", "supervisor-ledger-desk");
        await AssertAccessibleAsync(supervisor, "#/cabinets", "cabinet-row");
        await AssertAccessibleAsync(supervisor, "#/people", "person-row", "administrator-people-desk");
    }

    [Test]
    public async Task The_sign_in_and_enrolment_pages_have_no_serious_accessibility_violations()
    {
        using var village = await ConsoleVillage.CreateAsync("a11y-sign-in");
        var invite = await village.Administrator.Organization.InvitePersonAsync(new Contracts.V1.InvitePersonRequest { PersonId = village.World.Custodian.PersonId });
        await using var visitor = await ConsolePerson.OpenAsync(ConsolePerson.Phone);

        await AssertAccessibleAsync(visitor, "#/sign-in", "sign-in");
        await AssertAccessibleAsync(visitor, invite.EnrolmentPath.TrimStart('/'), "enrol-person", "enrol-phone");
    }

    [Test]
    public async Task The_cabinet_authentication_screens_have_no_serious_accessibility_violations_and_44_pixel_targets_on_the_phone()
    {
        using var village = await ConsoleVillage.CreateAsync("a11y-cabinet-auth");
        var administrator = await village.AddVillageAdministratorAsync();
        await using var custodian = await village.EnrolAsync(village.World.Custodian);
        await using var admin = await village.EnrolAsync(administrator);

        await AssertAccessibleAsync(custodian, "#/cabinet-pin", "pin-status");
        await custodian.ById("pin").FillAsync("739164");
        await custodian.ById("pin-confirm").FillAsync("739165");
        await custodian.ById("pin-submit").ClickAsync();
        await Expect(custodian.ById("pin-error")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(custodian, "#/cabinet-pin with a mismatch");
        await AssertTargetsAtLeast44PixelsAsync(custodian.Page.Locator("sc-cabinet-pin").Locator("input, button"));

        await AssertAccessibleAsync(admin, "#/people", "person-row");
        var row = admin.Page.Locator($"[data-testid=person-row][data-person-id='{village.World.Custodian.PersonId}']");
        await row.GetByTestId("card").ClickAsync();
        await row.GetByTestId("card-uid").FillAsync("04A2");
        await row.GetByTestId("card-save").ClickAsync();
        await Expect(row.GetByTestId("card-error")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(admin, "#/people with a card form");
        await AssertTargetsAtLeast44PixelsAsync(row.Locator("form input, form button, [data-testid=card]"));

        await AssertAccessibleAsync(admin, "#/villages", "village-row");
        var policyRow = admin.Page.Locator($"[data-testid=village-row][data-village-id='{village.World.VillageId}']");
        await policyRow.GetByTestId("policy-select").SelectOptionAsync("2");
        await policyRow.GetByTestId("policy-change").ClickAsync();
        await Expect(policyRow.GetByTestId("policy-confirm")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(admin, "#/villages confirming a change");
        await AssertTargetsAtLeast44PixelsAsync(policyRow.Locator("select, button"));
    }

    [Test]
    public async Task The_passkey_screens_have_no_serious_accessibility_violations_and_44_pixel_targets_on_the_phone()
    {
        using var village = await ConsoleVillage.CreateAsync("a11y-passkeys");
        var requestId = await village.FileRequestAsync();
        var administrator = await village.AddVillageAdministratorAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver, endorse: false);
        await using var admin = await village.EnrolAsync(administrator);

        await AssertAccessibleAsync(approver, "#/passkeys", "my-passkey-fingerprint");
        await AssertTargetsAtLeast44PixelsAsync(approver.Page.Locator("sc-my-passkeys button"));
        await approver.GoAsync($"#/requests/{requestId}");
        await approver.ById("approve").ClickAsync();
        await Expect(approver.ById("my-passkeys-link")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(approver, "a request whose approval awaits the passkey's endorsement");
        await AssertTargetsAtLeast44PixelsAsync(approver.ById("my-passkeys-link"));

        await AssertAccessibleAsync(admin, "#/people", "person-row");
        var row = admin.Page.Locator($"[data-testid=person-row][data-person-id='{village.World.Approver.PersonId}']");
        await row.GetByTestId("passkeys").ClickAsync();
        await Expect(row.GetByTestId("endorse")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(admin, "#/people with a passkey panel");
        await AssertTargetsAtLeast44PixelsAsync(row.Locator("[data-testid=passkeys], [data-testid=passkeys-panel] button"));
    }

    private static async Task AssertAccessibleAsync(ConsolePerson person, string route, string readyTestId, string? screenshot = null)
    {
        await person.GoAsync(route);
        await Expect(person.ById(readyTestId).First).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(person, route);
        if (screenshot is not null)
        {
            await person.ScreenshotAsync(screenshot);
        }
    }

    private static async Task AssertNoSeriousViolationsAsync(ConsolePerson person, string what)
    {
        var results = await person.Page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        Assert.That(serious, Is.Empty, $"{what}: {string.Join("; ", serious)}");
    }

    /// <summary>Every matched control is at least 44 CSS pixels high, a finger's target on a phone.</summary>
    private static async Task AssertTargetsAtLeast44PixelsAsync(Microsoft.Playwright.ILocator controls)
    {
        var heights = await controls.EvaluateAllAsync<double[]>("els => els.map(e => e.getBoundingClientRect().height)");
        Assert.That(heights, Is.Not.Empty);
        Assert.That(heights, Has.All.GreaterThanOrEqualTo(44.0));
    }
}
