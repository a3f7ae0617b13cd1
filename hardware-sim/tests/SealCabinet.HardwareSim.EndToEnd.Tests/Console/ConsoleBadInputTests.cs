using Microsoft.Playwright;
using SealCabinet.Contracts.V1;
using static Microsoft.Playwright.Assertions;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>Bad input in the browser gets a clear message and leaves nothing half-done.</summary>
[TestFixture]
public sealed class ConsoleBadInputTests
{
    [Test]
    public async Task Oversize_and_non_image_materials_are_refused_before_anything_is_sent()
    {
        using var village = await ConsoleVillage.CreateAsync("bad-material");
        await using var custodian = await village.EnrolAsync(village.World.Custodian);
        await custodian.GoAsync("#/requests/new");
        var input = custodian.ById("material-input");

        await input.SetInputFilesAsync(new FilePayload { Name = "huge.jpg", MimeType = "image/jpeg", Buffer = new byte[5 * 1024 * 1024] });
        await Expect(custodian.ById("material-error")).ToContainTextAsync("huge.jpg");
        await input.SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "不是图片"u8.ToArray() });
        await Expect(custodian.ById("material-error")).ToContainTextAsync("notes.txt");
        await Expect(custodian.ById("material-preview")).ToHaveCountAsync(0);

        await custodian.ById("matter").SelectOptionAsync("BIZ-PREMISES");
        await custodian.ById("seal-kind").SelectOptionAsync("2");
        await custodian.ById("applicant").FillAsync("王小明");
        await custodian.ById("reason").FillAsync("开办小卖部");
        await custodian.ById("submit").ClickAsync();
        await Expect(custodian.ById("material-error")).ToContainTextAsync("至少");

        var filed = await village.World.Custodian.Requests.ListRequestsAsync(new ListRequestsRequest { VillageId = village.World.VillageId });
        Assert.That(filed.Requests, Is.Empty, "nothing was filed");
    }

    [Test]
    public async Task A_double_tapped_approve_records_one_decision()
    {
        using var village = await ConsoleVillage.CreateAsync("bad-double");
        var requestId = await village.FileRequestAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver);
        await approver.GoAsync($"#/requests/{requestId}");

        await approver.ById("approve").DblClickAsync();

        await Expect(approver.ById("request-status")).Not.ToHaveAttributeAsync("data-state", "REQUEST_STATE_SUBMITTED");
        await Expect(approver.ById("error")).ToHaveCountAsync(0);
        var stored = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        Assert.That(stored.Decisions, Has.Count.EqualTo(1));
        Assert.That(stored.Decisions[0].Signed, Is.True);
        Assert.That(stored.Grants, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_approval_whose_answer_is_lost_says_so_and_shows_what_the_service_holds()
    {
        using var village = await ConsoleVillage.CreateAsync("bad-lost");
        var requestId = await village.FileRequestAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver);
        await approver.GoAsync($"#/requests/{requestId}");

        // The signed approval reaches the service and is committed; the answer never reaches the phone.
        await approver.Page.RouteAsync("**/sealcabinet.v1.Requests/ApproveRequest", async route =>
        {
            await route.FetchAsync();
            await route.AbortAsync("connectionreset");
        });
        await approver.ById("approve").ClickAsync();

        await Expect(approver.ById("error")).ToContainTextAsync("连接中断");
        var stored = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        Assert.That(stored.Decisions, Has.Count.EqualTo(1), "approved once");
        Assert.That(stored.Decisions[0].Signed, Is.True);
        await Expect(approver.ById("request-status")).Not.ToHaveAttributeAsync("data-state", "REQUEST_STATE_SUBMITTED");
        await Expect(approver.ById("approve")).ToHaveCountAsync(0);
        await Expect(approver.ById("decision-signed")).ToHaveCountAsync(1);
    }

    [Test]
    public async Task An_approval_that_never_left_the_phone_changes_nothing_and_can_be_retried()
    {
        using var village = await ConsoleVillage.CreateAsync("bad-offline");
        var requestId = await village.FileRequestAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver);
        await approver.GoAsync($"#/requests/{requestId}");
        await approver.Page.RouteAsync("**/sealcabinet.v1.Requests/ApproveRequest", route => route.AbortAsync("internetdisconnected"));

        await approver.ById("approve").ClickAsync();

        await Expect(approver.ById("error")).ToContainTextAsync("连接中断");
        var stored = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        Assert.That(stored.Decisions, Is.Empty);
        await Expect(approver.ById("request-status")).ToHaveAttributeAsync("data-state", "REQUEST_STATE_SUBMITTED");

        await approver.Page.UnrouteAllAsync();
        await approver.ById("approve").ClickAsync();
        await approver.ExpectSignedAsync();
        await Expect(approver.ById("request-status")).Not.ToHaveAttributeAsync("data-state", "REQUEST_STATE_SUBMITTED");
    }
}
