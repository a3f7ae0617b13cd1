using Microsoft.Playwright;
using SealCabinet.Contracts.V1;
using SealCabinet.HardwareSim.Demo;
using static Microsoft.Playwright.Assertions;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// Authentication at the cabinet, from the console: a custodian's own cabinet PIN, an administrator's cards and village
/// policy, and a technician's view of a cabinet whose custodian roster lags. Each test checks the outcome through the
/// service as well as on the page.
/// </summary>
[TestFixture]
public sealed class ConsoleCabinetAuthenticationTests
{
    [Test]
    public async Task A_custodian_sets_a_cabinet_PIN_on_the_phone_and_is_then_listed_with_a_PIN_set()
    {
        const string pin = "739164";
        using var village = await ConsoleVillage.CreateAsync("pin-set", custodianSetsPin: false);
        var administrator = await village.AddVillageAdministratorAsync();
        var rosterBefore = (await VillageAsync(administrator)).RosterVersion;
        await using var custodian = await village.EnrolAsync(village.World.Custodian);
        var logged = new List<string>();
        custodian.Page.Console += (_, message) => logged.Add(message.Text);
        await custodian.GoAsync("#/requests");
        await Expect(custodian.ById("pin-missing")).ToBeVisibleAsync();
        await custodian.ById("pin-missing").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(custodian.ById("pin-status")).ToHaveAttributeAsync("data-set", "false");

        await custodian.ById("pin").FillAsync(pin);
        await custodian.ById("pin-confirm").FillAsync(pin);
        await custodian.ById("pin-submit").ClickAsync();

        await Expect(custodian.ById("pin-saved")).ToContainTextAsync("片刻内");
        await Expect(custodian.ById("pin-saved")).ToContainTextAsync("不会再显示");
        await Expect(custodian.ById("pin-status")).ToHaveAttributeAsync("data-set", "true");
        await Expect(custodian.ById("pin")).ToHaveValueAsync("");
        await Expect(custodian.ById("pin-confirm")).ToHaveValueAsync("");
        await custodian.ScreenshotAsync("custodian-cabinet-pin-phone");
        var listed = await PersonAsync(village, village.World.Custodian.PersonId);
        Assert.That(listed.CabinetPinSet, Is.True, "the administrator's listing says the PIN is set");
        Assert.That((await VillageAsync(administrator)).RosterVersion, Is.GreaterThan(rosterBefore), "the village's cabinets get a new roster");
        var kept = await custodian.Page.EvaluateAsync<string>("() => document.documentElement.outerHTML + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
        Assert.That(kept, Does.Not.Contain(pin), "the page keeps the PIN nowhere");
        Assert.That(logged.Where(line => line.Contains(pin, StringComparison.Ordinal)), Is.Empty, "the PIN is never logged");

        await custodian.GoAsync("#/requests");
        await Expect(custodian.ById("request-row").Or(custodian.ById("empty")).First).ToBeVisibleAsync();
        await Expect(custodian.ById("pin-missing")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_weak_PIN_shows_the_services_reason_without_the_PIN_and_changes_nothing()
    {
        using var village = await ConsoleVillage.CreateAsync("pin-weak");
        var administrator = await village.AddVillageAdministratorAsync();
        await village.World.Custodian.Organization.SetCabinetPinAsync(new SetCabinetPinRequest { Pin = "582047" });
        var rosterBefore = (await VillageAsync(administrator)).RosterVersion;
        await using var custodian = await village.EnrolAsync(village.World.Custodian);
        await custodian.GoAsync("#/cabinet-pin");
        await Expect(custodian.ById("pin-status")).ToHaveAttributeAsync("data-set", "true");

        await custodian.ById("pin").FillAsync("1234");
        await custodian.ById("pin-confirm").FillAsync("1234");
        await custodian.ById("pin-submit").ClickAsync();

        var error = custodian.ById("error");
        await Expect(error).ToContainTextAsync("pin: ");
        await Expect(error).ToContainTextAsync("consecutive digits");
        await Expect(error).Not.ToContainTextAsync("1234");
        await Expect(custodian.ById("pin-saved")).ToHaveCountAsync(0);
        await Expect(custodian.ById("pin")).ToHaveValueAsync("");
        Assert.That((await VillageAsync(administrator)).RosterVersion, Is.EqualTo(rosterBefore), "no new roster: the PIN set before stands");
        Assert.That((await PersonAsync(village, village.World.Custodian.PersonId)).CabinetPinSet, Is.True);
    }

    [Test]
    public async Task A_confirmation_that_differs_is_caught_on_the_phone_before_anything_is_sent()
    {
        using var village = await ConsoleVillage.CreateAsync("pin-mismatch", custodianSetsPin: false);
        await using var custodian = await village.EnrolAsync(village.World.Custodian);
        await custodian.GoAsync("#/cabinet-pin");
        await Expect(custodian.ById("pin-status")).ToHaveAttributeAsync("data-set", "false");
        var sent = new List<string>();
        custodian.Page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/sealcabinet.v1.Organization/SetCabinetPin", StringComparison.Ordinal))
            {
                sent.Add(request.Url);
            }
        };

        await custodian.ById("pin").FillAsync("739164");
        await custodian.ById("pin-confirm").FillAsync("739165");
        await custodian.ById("pin-submit").ClickAsync();

        await Expect(custodian.ById("pin-error")).ToContainTextAsync("不一致");
        await Expect(custodian.ById("pin")).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex("pin-check"));
        await Expect(custodian.ById("pin-confirm")).ToHaveValueAsync("");
        await Expect(custodian.ById("pin-saved")).ToHaveCountAsync(0);
        Assert.That(sent, Is.Empty, "nothing went to the service");
        Assert.That((await PersonAsync(village, village.World.Custodian.PersonId)).CabinetPinSet, Is.False);
    }

    [Test]
    public async Task An_administrator_registers_a_custodians_card_on_the_people_screen()
    {
        using var village = await ConsoleVillage.CreateAsync("card-set", custodianSetsPin: false);
        var administrator = await village.AddVillageAdministratorAsync();
        var custodianId = village.World.Custodian.PersonId;
        await using var custodian = await village.EnrolAsync(village.World.Custodian);
        await using var phone = await village.EnrolAsync(administrator);
        await phone.GoAsync("#/people");
        var row = PersonRow(phone, custodianId);
        await Expect(row).ToContainTextAsync("已登记通行密钥 1 个");
        await Expect(row.GetByTestId("card-set")).ToHaveAttributeAsync("data-set", "false");
        await Expect(row.GetByTestId("pin-set")).ToHaveAttributeAsync("data-set", "false");

        await row.GetByTestId("card").ClickAsync();
        await Expect(row.GetByTestId("card")).ToHaveAttributeAsync("aria-expanded", "true");
        await row.GetByTestId("card-uid").FillAsync(NewCardUid().ToLowerInvariant());
        await row.GetByTestId("card-save").ClickAsync();

        await Expect(phone.ById("notice")).ToContainTextAsync("门禁卡已登记");
        await Expect(row.GetByTestId("card-set")).ToHaveAttributeAsync("data-set", "true");
        await Expect(row.GetByTestId("card-uid")).ToHaveCountAsync(0);
        // The answer of the change carries no passkey count; the row keeps the one listed.
        await Expect(row).ToContainTextAsync("已登记通行密钥 1 个");
        Assert.That((await PersonAsync(village, custodianId)).AccessCardSet, Is.True, "the service holds the card");
    }

    [Test]
    public async Task A_malformed_card_UID_is_caught_before_sending_and_a_card_another_person_holds_is_refused_in_place()
    {
        using var village = await ConsoleVillage.CreateAsync("card-bad");
        var administrator = await village.AddVillageAdministratorAsync();
        var card = NewCardUid();
        await village.Administrator.Organization.SetAccessCardAsync(new SetAccessCardRequest { PersonId = village.World.Approver.PersonId, CardUid = card });
        var custodianId = village.World.Custodian.PersonId;
        await using var phone = await village.EnrolAsync(administrator);
        await phone.GoAsync("#/people");
        var row = PersonRow(phone, custodianId);
        var sent = new List<string>();
        phone.Page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/sealcabinet.v1.Organization/SetAccessCard", StringComparison.Ordinal))
            {
                sent.Add(request.Url);
            }
        };
        await row.GetByTestId("card").ClickAsync();

        await row.GetByTestId("card-uid").FillAsync("04:A2:3B");
        await row.GetByTestId("card-save").ClickAsync();
        await Expect(row.GetByTestId("card-error")).ToContainTextAsync("现在是 6 位");
        Assert.That(sent, Is.Empty, "a UID of the wrong length is not sent");

        await row.GetByTestId("card-uid").FillAsync(card);
        await row.GetByTestId("card-save").ClickAsync();
        await Expect(row.GetByTestId("error")).ToContainTextAsync("card_uid: this card is registered to another person");
        await Expect(row.GetByTestId("card-error")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("card-uid")).ToHaveValueAsync(card);
        await row.GetByTestId("card-uid").ScrollIntoViewIfNeededAsync();
        await phone.ScreenshotAsync("administrator-card-phone");
        await Expect(row.GetByTestId("card-set")).ToHaveAttributeAsync("data-set", "false");
        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That((await PersonAsync(village, custodianId)).AccessCardSet, Is.False);
        Assert.That((await PersonAsync(village, village.World.Approver.PersonId)).AccessCardSet, Is.True, "the holder keeps the card");
    }

    [Test]
    public async Task An_administrator_removes_a_card_only_with_a_second_tap()
    {
        using var village = await ConsoleVillage.CreateAsync("card-remove");
        var administrator = await village.AddVillageAdministratorAsync();
        var custodianId = village.World.Custodian.PersonId;
        await village.Administrator.Organization.SetAccessCardAsync(new SetAccessCardRequest { PersonId = custodianId, CardUid = NewCardUid() });
        await using var phone = await village.EnrolAsync(administrator);
        await phone.GoAsync("#/people");
        var row = PersonRow(phone, custodianId);
        await Expect(row.GetByTestId("card-set")).ToHaveAttributeAsync("data-set", "true");
        await row.GetByTestId("card").ClickAsync();

        await row.GetByTestId("card-remove").ClickAsync();
        await Expect(row.GetByTestId("card-remove-confirm")).ToBeVisibleAsync();
        Assert.That((await PersonAsync(village, custodianId)).AccessCardSet, Is.True, "the first tap only asks");
        await row.GetByTestId("card-remove-confirm").ClickAsync();

        await Expect(phone.ById("notice")).ToContainTextAsync("门禁卡已移除");
        await Expect(row.GetByTestId("card-set")).ToHaveAttributeAsync("data-set", "false");
        Assert.That((await PersonAsync(village, custodianId)).AccessCardSet, Is.False);
    }

    [Test]
    public async Task An_administrator_changes_a_villages_cabinet_policy_with_a_confirming_tap_and_the_roster_version_rises()
    {
        using var village = await ConsoleVillage.CreateAsync("policy");
        var administrator = await village.AddVillageAdministratorAsync();
        var before = await VillageAsync(administrator);
        Assert.That(before.CabinetAuthPolicy, Is.EqualTo(CabinetAuthPolicy.Pin), "new villages use the PIN");
        await using var phone = await village.EnrolAsync(administrator);
        await phone.GoAsync("#/villages");
        var row = phone.Page.Locator($"[data-testid=village-row][data-village-id='{village.World.VillageId}']");
        await Expect(row).ToHaveAttributeAsync("data-policy", "PIN");
        await Expect(row.GetByTestId("roster-version")).ToContainTextAsync($"第 {before.RosterVersion} 版");

        await row.GetByTestId("policy-select").SelectOptionAsync(((int)CabinetAuthPolicy.PinOrCard).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await row.GetByTestId("policy-change").ClickAsync();
        await Expect(row.GetByTestId("policy-confirm")).ToContainTextAsync("密码或门禁卡均可");
        Assert.That((await VillageAsync(administrator)).CabinetAuthPolicy, Is.EqualTo(CabinetAuthPolicy.Pin), "the first tap only asks");
        await phone.ScreenshotAsync("administrator-villages-phone");
        await row.GetByTestId("policy-confirm").ClickAsync();

        await Expect(row).ToHaveAttributeAsync("data-policy", "PIN_OR_CARD");
        await Expect(phone.ById("notice")).ToContainTextAsync($"第 {before.RosterVersion + 1} 版");
        var after = await VillageAsync(administrator);
        Assert.That(after.CabinetAuthPolicy, Is.EqualTo(CabinetAuthPolicy.PinOrCard));
        Assert.That(after.RosterVersion, Is.EqualTo(before.RosterVersion + 1));
        await Expect(row).ToHaveAttributeAsync("data-roster-version", after.RosterVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task The_cabinets_screen_flags_a_cabinet_whose_roster_has_not_been_delivered()
    {
        using var village = await ConsoleVillage.CreateAsync("roster-lag");
        var administrator = await village.AddVillageAdministratorAsync();
        await village.World.AddCabinetAsync(powerOn: false);
        var technician = village.World.Technician;
        var cabinet = (await technician.Devices.ListCabinetsAsync(new ListCabinetsRequest { VillageId = village.World.VillageId })).Cabinets.Single();
        var current = (await VillageAsync(administrator)).RosterVersion;
        Assert.That(cabinet.RosterVersion, Is.LessThan(current), "a cabinet that never asked holds no roster");
        await using var phone = await village.EnrolAsync(technician);

        await phone.GoAsync("#/cabinets");

        var roster = phone.Page.Locator($"[data-testid=cabinet-row][data-device-id='{cabinet.DeviceId}']").GetByTestId("roster");
        await Expect(roster).ToHaveAttributeAsync("data-state", "behind");
        await Expect(roster).ToHaveAttributeAsync("data-held", cabinet.RosterVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(roster).ToHaveAttributeAsync("data-current", current.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(roster).ToContainTextAsync("开柜名单尚未送达");
    }

    private static ILocator PersonRow(ConsolePerson person, string personId) =>
        person.Page.Locator($"[data-testid=person-row][data-person-id='{personId}']");

    /// <summary>The person as an administrator's listing of the village shows them.</summary>
    private static async Task<Person> PersonAsync(ConsoleVillage village, string personId)
    {
        var people = await village.Administrator.Organization.ListPeopleAsync(new ListPeopleRequest { VillageId = village.World.VillageId });
        return people.People.Single(p => p.PersonId == personId);
    }

    /// <summary>The one village a village administrator sees.</summary>
    private static async Task<Village> VillageAsync(CloudActor villageAdministrator) =>
        (await villageAdministrator.Organization.ListVillagesAsync(new ListVillagesRequest())).Villages.Single();

    /// <summary>A 7-byte UID of this test's own (cards are unique across the console tests' shared cloud), as "04:A2:…".</summary>
    private static string NewCardUid() => string.Join(':', Guid.NewGuid().ToByteArray()[..7].Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
