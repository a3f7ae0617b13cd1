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

    private static async Task AssertAccessibleAsync(ConsolePerson person, string route, string readyTestId, string? screenshot = null)
    {
        await person.GoAsync(route);
        await Expect(person.ById(readyTestId).First).ToBeVisibleAsync();
        var results = await person.Page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        Assert.That(serious, Is.Empty, $"{route}: {string.Join("; ", serious)}");
        if (screenshot is not null)
        {
            await person.ScreenshotAsync(screenshot);
        }
    }
}
