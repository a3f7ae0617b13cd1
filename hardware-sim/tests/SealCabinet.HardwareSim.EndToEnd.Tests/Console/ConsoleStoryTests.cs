using System.Diagnostics;
using Microsoft.Playwright;
using SealCabinet.Contracts.V1;
using SealCabinet.Evidence.Imaging.Rendering;
using SealCabinet.HardwareSim.Cabinet;
using static Microsoft.Playwright.Assertions;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// The article's story through the browser, against the real cloud and a simulated cabinet: the custodian files on a
/// phone with a photographed page, the approver approves (signed with the phone's passkey) on another phone that received it live, the cabinet stamps,
/// the approver sees "stamping completed" with the photos, the supervisor sees the forced opening and acknowledges it.
/// </summary>
[TestFixture]
public sealed class ConsoleStoryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_request_filed_on_one_phone_is_approved_live_on_another_and_the_stamping_comes_back_with_photos()
    {
        using var village = await ConsoleVillage.CreateAsync("story");
        var world = village.World;
        var cabinet = await world.AddCabinetAsync();
        cabinet.PlaceDocument(7);
        await using var custodian = await village.EnrolAsync(world.Custodian);
        await using var approver = await village.EnrolAsync(world.Approver);
        await using var supervisor = await village.EnrolAsync(village.Supervisor);
        // Enrolment lands on My passkeys; the approver opens the inbox, as the next sign-in would.
        await approver.GoAsync("#/inbox");
        await Expect(approver.ById("live")).ToHaveAttributeAsync("data-state", "connected");

        await custodian.GoAsync("#/requests/new");
        await custodian.ById("matter-search").FillAsync("经营场所");
        await custodian.ById("matter").SelectOptionAsync("BIZ-PREMISES");
        await custodian.ById("seal-kind").SelectOptionAsync(((int)SealCabinet.Contracts.V1.SealKind.Committee).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await custodian.ById("applicant").FillAsync("王小明");
        await custodian.ById("copies").FillAsync("1");
        await custodian.ById("reason").FillAsync("开办小卖部需要经营场所证明");
        await custodian.ById("material-input").SetInputFilesAsync(new FilePayload { Name = "经营场所证明.jpg", MimeType = "image/jpeg", Buffer = DocumentPageRenderer.RenderJpeg(7) });
        await Expect(custodian.ById("material-preview")).ToHaveCountAsync(1);
        await custodian.ScreenshotAsync("custodian-new-request-phone");
        await custodian.ById("submit").ClickAsync();
        await custodian.WaitForRouteAsync(new System.Text.RegularExpressions.Regex("#/requests/[0-9a-f-]{36}$"));
        var requestId = custodian.Page.Url[(custodian.Page.Url.LastIndexOf('/') + 1)..];
        await Expect(custodian.ById("request-status")).ToHaveAttributeAsync("data-state", "REQUEST_STATE_SUBMITTED");

        // The approver's inbox was open before the request existed: it must arrive without a reload.
        var row = approver.Page.Locator($"[data-testid=request-row][data-request-id='{requestId}']");
        await Expect(row).ToBeVisibleAsync();
        await approver.ScreenshotAsync("approver-inbox-phone");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(approver.ById("material-image")).ToBeVisibleAsync();
        await approver.ScreenshotAsync("approver-request-phone");

        var clock = new Stopwatch();
        long readyAt = -1;
        cabinet.Board.Sleeve(2).ReadyLight.Changed += on =>
        {
            if (on)
            {
                Interlocked.CompareExchange(ref readyAt, clock.ElapsedMilliseconds, -1);
            }
        };
        clock.Start();
        await approver.ById("approve").ClickAsync();
        await cabinet.WaitUntilAsync(() => Interlocked.Read(ref readyAt) >= 0, Patience, "the committee sleeve READY after the tap");
        Assert.That(cabinet.Board.Sleeve(2).Solenoid.OnCount, Is.Zero, "the approval alone opens nothing: the custodian's stamp button does");
        await TestContext.Out.WriteLineAsync($"approval tapped in the browser (signed by the approver's passkey) → sleeve READY at the cabinet: {readyAt} ms");
        await approver.ExpectSignedAsync();
        await Expect(custodian.ById("ready-hint")).ToContainTextAsync("第 2 号印套");
        await custodian.ScreenshotAsync("custodian-ready-phone");

        var relocked = await Custodian.StampAsync(cabinet, 2, 1, VillageWorld.CustodianAtCabinet, Patience);
        Assert.That(relocked.Event.PressCount, Is.EqualTo(1));
        await Expect(custodian.ById("ready-hint")).ToHaveCountAsync(0);

        await Expect(approver.ById("stamping-completed")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(approver.ById("press-count")).ToHaveTextAsync("1");
        await Expect(approver.Page.Locator("[data-testid=stamping-completed] [data-testid=evidence-photo][data-kind=DOCUMENT_AFTER]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(approver.Page.Locator("[data-testid=evidence-photo][data-kind=PERSON]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await approver.ById("stamping-completed").ScrollIntoViewIfNeededAsync();
        await approver.ScreenshotAsync("approver-stamping-completed-phone");

        await supervisor.GoAsync("#/statistics");
        await Expect(supervisor.Page.Locator("[data-testid=stats-matter] td").First).ToHaveTextAsync("BIZ-PREMISES");
        await supervisor.ScreenshotAsync("supervisor-statistics-phone");

        // The supervisor's own browser checks that the approval is in the signed ledger.
        await supervisor.GoAsync("#/ledger");
        await Expect(supervisor.ById("tree-size")).Not.ToHaveTextAsync("0");
        await Expect(supervisor.ById("head-signature")).ToHaveAttributeAsync("data-ok", "true");
        await supervisor.ById("entry-index").FillAsync("0");
        await supervisor.ById("verify-entry").ClickAsync();
        await Expect(supervisor.ById("inclusion-result")).ToHaveAttributeAsync("data-ok", "true");
        var savedSize = long.Parse(await supervisor.ById("tree-size").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await supervisor.ById("save-head").ClickAsync();
        await supervisor.ScreenshotAsync("supervisor-ledger-phone");

        await supervisor.GoAsync("#/anomalies");
        await Expect(supervisor.ById("live")).ToHaveAttributeAsync("data-state", "connected");
        cabinet.Force(1);
        await Expect(supervisor.Page.Locator($"[data-testid=alarm][data-device-id='{cabinet.DeviceId}']").First).ToBeVisibleAsync();
        var anomaly = supervisor.Page.Locator("[data-testid=anomaly-row][data-rule=forced-opening]");
        await Expect(anomaly).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await supervisor.ScreenshotAsync("supervisor-anomalies-phone");
        await Expect(anomaly.GetByTestId("acknowledge")).ToBeDisabledAsync();
        await anomaly.GetByTestId("anomaly-note").FillAsync("已电话联系村书记，现场核实");
        await anomaly.GetByTestId("acknowledge").ClickAsync();
        await Expect(anomaly).ToHaveAttributeAsync("data-status", "ACKNOWLEDGED");

        // Later, the head saved on this phone shows the ledger only grew: the alarm and the anomaly were appended.
        await supervisor.GoAsync("#/ledger");
        await supervisor.ById("sign-head").ClickAsync();
        await Expect(supervisor.ById("tree-size")).Not.ToHaveTextAsync(savedSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(long.Parse(await supervisor.ById("tree-size").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(savedSize));
        await supervisor.ById("check-saved").ClickAsync();
        await Expect(supervisor.ById("consistency-result")).ToHaveAttributeAsync("data-ok", "true");

        var stored = (await village.Supervisor.Audit.ListAnomaliesAsync(new ListAnomaliesRequest { VillageId = world.VillageId, Rule = "forced-opening" })).Anomalies.Single();
        Assert.That(stored.Status, Is.EqualTo(AnomalyStatus.Acknowledged));
        Assert.That(stored.Note, Is.EqualTo("已电话联系村书记，现场核实"));
    }
}
