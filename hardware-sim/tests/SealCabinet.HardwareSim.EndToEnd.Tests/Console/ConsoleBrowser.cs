using Microsoft.Playwright;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// Debian's Chromium driven by Playwright, once for the console tests: Playwright's own browser download cannot
/// work on these machines, so it is pointed at <c>/usr/bin/chromium</c> (installed by build.sh) with the flags that
/// keep Chromium off the closed network.
/// </summary>
[SetUpFixture]
public sealed class ConsoleBrowser
{
    private const string Chromium = "/usr/bin/chromium";

    private static IPlaywright? _playwright;

    internal static IBrowser Browser { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task LaunchAsync()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} is missing: ./build.sh installs Debian's chromium package");
        }

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
    }

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
