using Microsoft.Playwright;
using SealCabinet.HardwareSim.Demo;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// Debian's Chromium driven by Playwright, once for the console tests: Playwright's own browser download cannot
/// work on these machines, so it is pointed at <c>/usr/bin/chromium</c> (installed by build.sh) with the flags that
/// keep Chromium off the closed network. The console tests get a cloud of their own whose anomaly detector runs every
/// two seconds and whose ledger head is signed as often, so a supervisor sees a forced opening's anomaly and a fresh head while the test waits,
/// and which requires every decision to be signed by the approver's passkey — endorsed by the root administrator's
/// passkey (<see cref="RootAsync"/>) before it can sign.
/// </summary>
[SetUpFixture]
public sealed class ConsoleBrowser
{
    private const string Chromium = "/usr/bin/chromium";

    private static IPlaywright? _playwright;

    internal static IBrowser Browser { get; private set; } = null!;

    internal static TestCloud Cloud { get; private set; } = null!;

    private static Lazy<Task<RootAdministrator>> _root = null!;

    /// <summary>The console cloud's root administrator (<see cref="RootAdministrator.PersonId"/>), enrolled the first time a test needs an endorsement.</summary>
    internal static Task<RootAdministrator> RootAsync() => _root.Value;

    [OneTimeSetUp]
    public async Task LaunchAsync()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} is missing: ./build.sh installs Debian's chromium package");
        }

        // Waits for events (a live notification, an upload) on a loaded 2-core machine: bounded, but not by 5 s.
        Assertions.SetDefaultExpectTimeout(20_000);
        // Signatures required, as in production: the console's approvers sign every decision with the passkey in their
        // browser's virtual authenticator (a bearer token's approval is refused here).
        var cloud = TestCloud.StartAsync(
            "console", requireSignatures: true, "--Anomalies:DetectInterval=00:00:02", "--Ledger:SignInterval=00:00:02", RootAdministrator.Argument);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
        Cloud = await cloud;
        _root = new(() => RootAdministrator.EnrolAsync(Cloud.Process, Cloud.Tokens, "管理员"));
    }

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_root is { IsValueCreated: true } root && root.Value.IsCompletedSuccessfully)
        {
            (await root.Value).Dispose();
        }

        if (Cloud is not null)
        {
            await Cloud.DisposeAsync();
        }
    }
}
