using SealCabinet.HardwareSim.Demo;
using SealCabinet.Ledger.Bundles;
using SealCabinet.Ledger.Signing;
using SealCabinet.Contracts.V1;
using static Microsoft.Playwright.Assertions;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// Every decision in the console is signed by the approver's own passkey (issue 15): the page shows the statement the
/// service prepared, the browser's authenticator signs its SHA-256, and the service records the decision only with a
/// signature that verifies. The console's cloud requires signatures, as in production.
/// </summary>
[TestFixture]
public sealed class ConsoleSignedDecisionTests
{
    [Test]
    public async Task An_approval_signed_in_the_browser_verifies_offline_from_the_ledger_alone_and_backs_its_grant()
    {
        using var village = await ConsoleVillage.CreateAsync("signed-offline");
        var requestId = await village.FileRequestAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver);
        var passkey = Convert.ToBase64String((await approver.PasskeyIdsAsync()).Single());
        await approver.GoAsync($"#/requests/{requestId}");
        await approver.ById("approve").ClickAsync();
        await approver.ExpectSignedAsync();
        var origin = new Uri(approver.Page.Url).GetLeftPart(UriPartial.Authority);

        var (bundle, _) = await LedgerBundleFetch.WholeLedgerAsync(village.Supervisor.Audit);
        var result = BundleVerifier.Verify(bundle, LedgerPublicKey.FromSubjectPublicKeyInfo(bundle.PublicKey), new BundleVerifierOptions
        {
            RelyingPartyId = "localhost",
            AllowedOrigins = [origin],
        });

        var approval = result.Approvals.Single(a => a.RequestId == requestId);
        Assert.That(approval.Detail, Does.StartWith("signed by credential"));
        Assert.That(approval.Status, Is.EqualTo(ApprovalStatus.Valid), "the browser's signature verifies under the key registered in the ledger");
        Assert.That(approval.CredentialId, Is.EqualTo(passkey));
        Assert.That(result.Grants.Single(g => g.RequestId == requestId).Status, Is.EqualTo(GrantApprovalStatus.SignedApproval));
        Assert.That(result.Failures, Is.Empty, "the console's ledger verifies as a whole");
    }

    [Test]
    public async Task An_approval_in_the_browser_is_signed_by_the_approvers_passkey_and_the_history_says_so()
    {
        using var village = await ConsoleVillage.CreateAsync("signed-approve");
        var requestId = await village.FileRequestAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver);
        var passkey = (await approver.PasskeyIdsAsync()).Single();
        await approver.GoAsync($"#/requests/{requestId}");

        await approver.ById("approve").ClickAsync();

        await approver.ExpectSignedAsync();
        var shown = approver.ById("signing-statement");
        await Expect(shown).ToHaveAttributeAsync("data-decision", "approve");
        await Expect(shown).ToContainTextAsync(requestId);
        await Expect(shown).ToContainTextAsync(village.World.VillageId);
        await Expect(shown).ToContainTextAsync("BIZ-PREMISES");
        await Expect(shown).ToContainTextAsync("村委会印章");
        await Expect(approver.ById("signing-decision")).ToHaveTextAsync("批准");
        await Expect(approver.ById("signing-reason")).ToHaveTextAsync("（无）");
        await Expect(approver.ById("signing-status")).ToHaveTextAsync("决定已签名并记录。");
        var shownDigest = await shown.GetAttributeAsync("data-statement-sha256");
        var shownShortDigest = await approver.ById("statement-digest").InnerTextAsync();

        var stored = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        var decision = stored.Decisions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(decision.Approved, Is.True);
            Assert.That(decision.Signed, Is.True, "the service verified and recorded a signed decision");
            Assert.That(Convert.ToHexStringLower(decision.StatementSha256.ToByteArray()), Is.EqualTo(shownDigest), "the passkey signed the statement the page showed");
            Assert.That(shownDigest, Does.StartWith(shownShortDigest.Replace(" ", "", StringComparison.Ordinal)), "the digest shown to the eye is the statement's");
            Assert.That(decision.CredentialId.ToByteArray(), Is.EqualTo(passkey), "signed by the passkey in the approver's own browser");
            Assert.That(stored.State, Is.EqualTo(RequestState.Approved));
            Assert.That(stored.Grants, Has.Count.EqualTo(1), "the signed approval issued the grant");
        });

        var passkeyHex = Convert.ToHexStringLower(passkey);
        var badge = approver.Page.Locator("[data-testid=decision][data-signed=true] [data-testid=decision-signed]");
        await Expect(badge).ToHaveTextAsync("已签名");
        await Expect(badge).ToHaveAttributeAsync("data-credential-id", passkeyHex);
        await Expect(badge).ToHaveAttributeAsync("data-statement-sha256", shownDigest!);
        await Expect(approver.ById("decision")).ToContainTextAsync($"通行密钥 {passkeyHex[..8]}");
        await shown.ScrollIntoViewIfNeededAsync();
        await approver.ScreenshotAsync("approver-signed-phone");

        // The history comes from the service, not from the page's memory of the tap.
        await approver.Page.ReloadAsync();
        await Expect(badge).ToHaveAttributeAsync("data-credential-id", passkeyHex);
        await Expect(approver.ById("signing-statement")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task After_a_signed_approval_the_next_request_opened_directly_is_shown_and_signed_on_its_own()
    {
        using var village = await ConsoleVillage.CreateAsync("signed-next");
        var first = await village.FileRequestAsync();
        var second = await village.FileRequestAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver);
        await approver.ApproveSignedAsync(first);
        var firstDigest = await approver.ById("signing-statement").GetAttributeAsync("data-statement-sha256");

        // Straight from the first request's page to the second's: the same screen, another request id.
        await approver.GoAsync($"#/requests/{second}");
        await Expect(approver.ById("request-status")).ToHaveAttributeAsync("data-state", "REQUEST_STATE_SUBMITTED");
        await Expect(approver.ById("signing-statement")).ToHaveCountAsync(0);
        await approver.ById("approve").ClickAsync();

        await approver.ExpectSignedAsync();
        await Expect(approver.ById("signing-statement")).ToContainTextAsync(second);
        var secondDigest = await approver.ById("signing-statement").GetAttributeAsync("data-statement-sha256");
        var stored = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = second })).Request;
        Assert.That(secondDigest, Is.Not.EqualTo(firstDigest));
        Assert.That(Convert.ToHexStringLower(stored.Decisions.Single().StatementSha256.ToByteArray()), Is.EqualTo(secondDigest));
    }

    [Test]
    public async Task A_cancelled_passkey_prompt_records_nothing_and_the_approver_can_try_again()
    {
        using var village = await ConsoleVillage.CreateAsync("signed-cancel");
        var requestId = await village.FileRequestAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver);
        await approver.GoAsync($"#/requests/{requestId}");
        await Expect(approver.ById("approve")).ToBeEnabledAsync();

        // The approver declines the fingerprint / screen-lock check: the browser's prompt ends with NotAllowedError.
        await approver.SetUserVerificationAsync(false);
        await approver.ById("approve").ClickAsync();

        await Expect(approver.ById("error")).ToContainTextAsync("没有签名");
        await Expect(approver.ById("error")).ToContainTextAsync("没有做任何决定，可以再试一次");
        await Expect(approver.ById("approve")).ToBeEnabledAsync();
        await Expect(approver.ById("signing-statement")).ToHaveCountAsync(0);
        await Expect(approver.ById("request-status")).ToHaveAttributeAsync("data-state", "REQUEST_STATE_SUBMITTED");
        var stored = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        Assert.That(stored.Decisions, Is.Empty, "nothing was recorded");
        Assert.That(stored.Grants, Is.Empty);

        await approver.SetUserVerificationAsync(true);
        await approver.ById("approve").ClickAsync();

        await approver.ExpectSignedAsync();
        await Expect(approver.ById("error")).ToHaveCountAsync(0);
        stored = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        Assert.That(stored.Decisions.Single().Signed, Is.True, "the second try signed and recorded one decision");
    }

    [Test]
    public async Task A_rejection_is_signed_with_its_reason()
    {
        const string reason = "缺少村委会会议记录，请补充后重新提交";
        using var village = await ConsoleVillage.CreateAsync("signed-reject");
        var requestId = await village.FileRequestAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver);
        await approver.GoAsync($"#/requests/{requestId}");

        await approver.ById("reject-reason").FillAsync(reason);
        await approver.ById("reject").ClickAsync();

        await approver.ExpectSignedAsync();
        var shown = approver.ById("signing-statement");
        await Expect(shown).ToHaveAttributeAsync("data-decision", "reject");
        await Expect(approver.ById("signing-decision")).ToHaveTextAsync("驳回");
        await Expect(approver.ById("signing-reason")).ToHaveTextAsync(reason);
        await Expect(approver.ById("request-status")).ToHaveAttributeAsync("data-state", "REQUEST_STATE_REJECTED");
        var shownDigest = await shown.GetAttributeAsync("data-statement-sha256");

        var stored = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        var decision = stored.Decisions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(RequestState.Rejected));
            Assert.That(decision.Approved, Is.False);
            Assert.That(decision.Comment, Is.EqualTo(reason), "the reason recorded is the one signed");
            Assert.That(decision.Signed, Is.True);
            Assert.That(Convert.ToHexStringLower(decision.StatementSha256.ToByteArray()), Is.EqualTo(shownDigest));
            Assert.That(stored.Grants, Is.Empty);
        });
        var row = approver.Page.Locator("[data-testid=decision][data-signed=true]");
        await Expect(row).ToContainTextAsync(reason);
        await Expect(row.GetByTestId("decision-signed")).ToHaveTextAsync("已签名");
    }

    [Test]
    public async Task On_a_device_without_the_approvers_passkey_nothing_is_decided_and_the_page_says_why()
    {
        using var village = await ConsoleVillage.CreateAsync("signed-no-passkey");
        var requestId = await village.FileRequestAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver);
        await approver.GoAsync($"#/requests/{requestId}");
        await Expect(approver.ById("approve")).ToBeEnabledAsync();

        // Still signed in, but the phone no longer holds the passkey the service knows.
        await approver.RemovePasskeysAsync();
        await approver.ById("approve").ClickAsync();

        await Expect(approver.ById("error")).ToContainTextAsync("本机没有您登记的通行密钥");
        await Expect(approver.ById("approve")).ToBeEnabledAsync();
        var stored = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        Assert.That(stored.Decisions, Is.Empty);
        Assert.That(stored.State, Is.EqualTo(RequestState.Submitted));
    }

    [Test]
    public async Task A_decision_the_service_refuses_shows_its_reason_in_place_and_the_request_as_it_stands()
    {
        using var village = await ConsoleVillage.CreateAsync("signed-refused");
        var requestId = await village.FileRequestAsync();
        await using var approver = await village.EnrolAsync(village.World.Approver);

        // A second tab of the same approver that hears nothing live, so it still offers the buttons after the first
        // tab decided.
        var stale = await approver.Page.Context.NewPageAsync();
        await stale.RouteAsync("**/sealcabinet.v1.Notifications/Subscribe", route => route.AbortAsync("connectionrefused"));
        await stale.GotoAsync($"{ConsoleBrowser.Cloud.Process.ConsoleUrl}/#/requests/{requestId}");
        await Expect(stale.GetByTestId("approve")).ToBeEnabledAsync();
        await approver.ApproveSignedAsync(requestId);

        await stale.GetByTestId("approve").ClickAsync();

        await Expect(stale.GetByTestId("error")).ToContainTextAsync("系统未接受此操作");
        await Expect(stale.GetByTestId("error")).ToContainTextAsync("only a SUBMITTED request can be decided");
        await Expect(stale.GetByTestId("request-status")).ToHaveAttributeAsync("data-state", "REQUEST_STATE_APPROVED");
        await Expect(stale.GetByTestId("approve")).ToHaveCountAsync(0);
        await Expect(stale.GetByTestId("decision-signed")).ToHaveCountAsync(1);
        var stored = (await village.World.Approver.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request;
        Assert.That(stored.Decisions, Has.Count.EqualTo(1), "the refused tap added nothing");
    }
}
