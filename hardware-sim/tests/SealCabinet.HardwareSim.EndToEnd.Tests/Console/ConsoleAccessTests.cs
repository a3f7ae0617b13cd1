using Microsoft.Playwright;
using SealCabinet.Contracts.V1;
using static Microsoft.Playwright.Assertions;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>What a person reaches in the browser is what their roles reach in the service, and nothing without a sign-in.</summary>
[TestFixture]
public sealed class ConsoleAccessTests
{
    [Test]
    public async Task A_custodian_sees_nothing_of_another_village()
    {
        using var ours = await ConsoleVillage.CreateAsync("access-ours");
        using var theirs = await ConsoleVillage.CreateAsync("access-theirs");
        var foreignRequest = await theirs.FileRequestAsync();
        await using var custodian = await ours.EnrolAsync(ours.World.Custodian);

        await custodian.GoAsync("#/requests");
        await Expect(custodian.ById("empty")).ToBeVisibleAsync();
        await Expect(custodian.ById("request-row")).ToHaveCountAsync(0);

        await custodian.GoAsync($"#/requests/{foreignRequest}");
        await Expect(custodian.ById("error")).ToContainTextAsync("权限");
        await Expect(custodian.ById("request-status")).ToHaveCountAsync(0);
        await Expect(custodian.Page.GetByText("王小明")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task My_requests_are_the_custodians_own_fifty_at_a_time_and_the_rest_load_on_demand()
    {
        using var village = await ConsoleVillage.CreateAsync("access-many");
        var colleagueId = "colleague-" + village.World.VillageId;
        var colleague = new Demo.CloudActor(ConsoleBrowser.Cloud.Channel, colleagueId, "刘会计", "custodian",
            ConsoleBrowser.Cloud.Tokens.Mint(colleagueId, "刘会计", $"custodian@village:{village.World.VillageId}"));
        await village.AddPersonAsync(colleague, new RoleAssignment { Role = Role.Custodian, VillageId = village.World.VillageId });
        var filed = new List<string>();
        for (var i = 0; i < 52; i++)
        {
            filed.Add(await village.FileRequestAsync());
        }

        var theirs = await village.FileRequestAsync(colleague);

        await using var custodian = await village.EnrolAsync(village.World.Custodian);
        await custodian.GoAsync("#/requests");
        await Expect(custodian.ById("request-row")).ToHaveCountAsync(50);
        await custodian.ById("load-more").ClickAsync();

        await Expect(custodian.ById("request-row")).ToHaveCountAsync(52);
        await Expect(custodian.ById("load-more")).ToHaveCountAsync(0);
        var shown = await custodian.Page.Locator("[data-testid=request-row]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.requestId)");
        Assert.That(shown, Is.EquivalentTo(filed), "all of their own and none of the colleague's");
        Assert.That(shown, Does.Not.Contain(theirs));
    }

    [Test]
    public async Task An_approver_of_another_seal_sees_no_approve_button_and_an_empty_inbox()
    {
        using var village = await ConsoleVillage.CreateAsync("access-seal");
        var secretary = new Demo.CloudActor(ConsoleBrowser.Cloud.Channel, "secretary-" + village.World.VillageId, "张书记", "approver", "unused");
        await village.AddPersonAsync(secretary, new RoleAssignment { Role = Role.Approver, VillageId = village.World.VillageId, SealKind = SealKind.Party });
        var committeeRequest = await village.FileRequestAsync();
        await using var party = await village.EnrolAsync(secretary);

        await party.GoAsync("#/inbox");
        await Expect(party.ById("empty")).ToBeVisibleAsync();
        await party.GoAsync($"#/requests/{committeeRequest}");
        await Expect(party.ById("request-status")).ToHaveAttributeAsync("data-state", "REQUEST_STATE_SUBMITTED");

        await Expect(party.ById("approve")).ToHaveCountAsync(0);
        await Expect(party.ById("reject")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_signed_out_page_reaches_no_data()
    {
        using var village = await ConsoleVillage.CreateAsync("access-out");
        var requestId = await village.FileRequestAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver);
        await approver.ById("sign-out").ClickAsync();
        await Expect(approver.ById("sign-in")).ToBeVisibleAsync();

        var calls = new List<string>();
        approver.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/sealcabinet.v1.", StringComparison.Ordinal))
            {
                calls.Add(request.Url[(request.Url.IndexOf("/sealcabinet.v1.", StringComparison.Ordinal) + 1)..]);
            }
        };
        await approver.GoAsync($"#/requests/{requestId}");
        await approver.Page.ReloadAsync();

        await Expect(approver.ById("sign-in")).ToBeVisibleAsync();
        await Expect(approver.Page.GetByText("王小明")).ToHaveCountAsync(0);
        Assert.That(calls, Is.Not.Empty.And.SubsetOf(new[] { "sealcabinet.v1.Sessions/GetSession", "sealcabinet.v1.Sessions/GetSignInMethods" }),
            "a signed-out page asks only whether it is signed in and how one may sign in");
    }

    [Test]
    public async Task The_inbox_retries_a_refused_live_stream_and_then_shows_what_came_meanwhile()
    {
        using var village = await ConsoleVillage.CreateAsync("access-resume");
        await using var approver = await village.EnrolAsync(village.World.Approver);
        await approver.Page.RouteAsync("**/sealcabinet.v1.Notifications/Subscribe", route => route.AbortAsync("connectionrefused"));
        await approver.Page.ReloadAsync();
        await approver.GoAsync("#/inbox");
        await Expect(approver.ById("live")).ToHaveAttributeAsync("data-state", "reconnecting");

        var requestId = await village.FileRequestAsync();
        await approver.Page.UnrouteAllAsync();

        await Expect(approver.ById("live")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(approver.Page.Locator($"[data-testid=request-row][data-request-id='{requestId}']")).ToBeVisibleAsync();
    }

    [Test]
    public async Task An_enrolled_person_signs_in_again_with_the_passkey_on_the_phone()
    {
        using var village = await ConsoleVillage.CreateAsync("access-again");
        await using var custodian = await village.EnrolAsync(village.World.Custodian);
        await custodian.ById("sign-out").ClickAsync();
        await Expect(custodian.ById("sign-in")).ToBeVisibleAsync();
        await custodian.ScreenshotAsync("sign-in-phone");

        await custodian.ById("sign-in").ClickAsync();

        await Expect(custodian.ById("sign-out")).ToBeVisibleAsync();
        await Expect(custodian.Page.GetByRole(AriaRole.Link, new() { Name = "申请用印" })).ToBeVisibleAsync();
    }
}
