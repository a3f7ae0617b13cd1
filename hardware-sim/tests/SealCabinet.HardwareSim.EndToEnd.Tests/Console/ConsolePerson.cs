using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// One person's browser: a fresh context (own cookies) at a phone or desk viewport, with a DevTools virtual
/// authenticator standing in for the phone's platform passkey (user verification succeeds unless a test says
/// otherwise with <see cref="SetUserVerificationAsync"/>).
/// </summary>
internal sealed class ConsolePerson : IAsyncDisposable
{
    /// <summary>The phone the issue names (390×844).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static readonly ViewportSize Desk = new() { Width = 1366, Height = 900 };

    private readonly IBrowserContext _context;
    private readonly string _consoleUrl;
    private readonly ICDPSession _devTools;
    private readonly string _authenticatorId;

    private ConsolePerson(IBrowserContext context, IPage page, string consoleUrl, ICDPSession devTools, string authenticatorId)
    {
        _context = context;
        Page = page;
        _consoleUrl = consoleUrl;
        _devTools = devTools;
        _authenticatorId = authenticatorId;
    }

    public IPage Page { get; }

    /// <summary>
    /// Opens a context on the console of <paramref name="consoleUrl"/>, by default the console tests' cloud
    /// (http://localhost:PORT: WebAuthn needs a host name, not an IP).
    /// </summary>
    public static async Task<ConsolePerson> OpenAsync(ViewportSize viewport, string? consoleUrl = null)
    {
        var context = await ConsoleBrowser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport,
            IsMobile = viewport.Width < 600,
            HasTouch = viewport.Width < 600,
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(20_000);

        // Nothing beyond this machine is ever fetched (the test identity provider's pages import a web font): refused at
        // once rather than left to however long the closed network takes to fail a name lookup.
        await context.RouteAsync(url => url.StartsWith("http", StringComparison.Ordinal) && !IsThisMachine(url), route => route.AbortAsync());
        var page = await context.NewPageAsync();
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var added = await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        var authenticatorId = added!.Value.GetProperty("authenticatorId").GetString()!;
        return new ConsolePerson(context, page, consoleUrl ?? ConsoleBrowser.Cloud.Process.ConsoleUrl, devTools, authenticatorId);
    }

    /// <summary>
    /// Whether the virtual authenticator's user verification succeeds (the fingerprint or screen lock): false makes
    /// every passkey prompt fail as one the person declines does (NotAllowedError).
    /// </summary>
    public async Task SetUserVerificationAsync(bool succeeds) =>
        await _devTools.SendAsync("WebAuthn.setUserVerified", new Dictionary<string, object> { ["authenticatorId"] = _authenticatorId, ["isUserVerified"] = succeeds });

    /// <summary>The ids of the passkeys this browser's authenticator holds.</summary>
    public async Task<IReadOnlyList<byte[]>> PasskeyIdsAsync()
    {
        var got = await _devTools.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = _authenticatorId });
        return [.. got!.Value.GetProperty("credentials").EnumerateArray().Select(c => Convert.FromBase64String(c.GetProperty("credentialId").GetString()!))];
    }

    /// <summary>Removes every passkey from this browser's authenticator (the session stays signed in): a device without the person's passkey.</summary>
    public async Task RemovePasskeysAsync() =>
        await _devTools.SendAsync("WebAuthn.clearCredentials", new Dictionary<string, object> { ["authenticatorId"] = _authenticatorId });

    /// <summary>
    /// Approves a request as an approver does: opens it, taps 批准 and lets the passkey sign (the virtual authenticator
    /// confirms at once); returns once the page says the signed decision is recorded.
    /// </summary>
    public async Task ApproveSignedAsync(string requestId)
    {
        await GoAsync($"#/requests/{requestId}");
        await ById("approve").ClickAsync();
        await ExpectSignedAsync();
    }

    /// <summary>Waits for the page to say the decision just tapped is signed and recorded; a failure says what the page's messages say.</summary>
    public async Task ExpectSignedAsync()
    {
        try
        {
            await Expect(ById("signing-statement")).ToHaveAttributeAsync("data-phase", "done");
        }
        catch (PlaywrightException e)
        {
            var errors = await Page.GetByTestId("error").AllInnerTextsAsync();
            Assert.Fail($"{e.Message}\nthe page's messages: [{string.Join(" | ", errors)}]");
        }
    }

    private static bool IsThisMachine(string url) =>
        url.StartsWith("http://localhost:", StringComparison.Ordinal) || url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal);

    /// <summary>Goes to a console route, e.g. <c>#/inbox</c>.</summary>
    public async Task GoAsync(string route) => await Page.GotoAsync($"{_consoleUrl}/{route}");

    /// <summary>The element with this <c>data-testid</c>.</summary>
    public ILocator ById(string testId) => Page.GetByTestId(testId);

    /// <summary>
    /// Waits for the console to reach a route by polling the address (a hash change is a same-document navigation,
    /// which an event wait can miss on a loaded machine); when it does not, the failure also says what the page's
    /// error messages (if any) say.
    /// </summary>
    public async Task WaitForRouteAsync(System.Text.RegularExpressions.Regex route)
    {
        try
        {
            await Assertions.Expect(Page).ToHaveURLAsync(route);
        }
        catch (PlaywrightException e)
        {
            var errors = await Page.GetByTestId("error").AllInnerTextsAsync();
            Assert.Fail($"{e.Message}\nthe page's messages: [{string.Join(" | ", errors)}]");
        }
    }

    /// <summary>Writes a screenshot of the page into the repository's <c>docs/console/</c>, where docs/console.md shows it.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "docs", "console");
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = false });
    }

    /// <summary>The checkout this test assembly was built from.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SealCabinet.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"no SealCabinet.slnx above {AppContext.BaseDirectory}");
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
