namespace SealCabinet.HardwareSim.EndToEnd.Tests;

/// <summary>
/// Starts the real cloud service processes once for the run (embedded mode, data under the test work directory):
/// the shared one, and one whose grants live 5 s (expiry) and which tests stop and start again (outage).
/// </summary>
[SetUpFixture]
public sealed class CloudUnderTest
{
    internal static TestCloud Shared { get; private set; } = null!;

    internal static TestCloud ShortGrants { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Their approvals come from bearer tokens (no passkey to sign with): decisions are recorded unsigned.
        var shared = TestCloud.StartAsync("cloud", requireSignatures: false);
        var shortGrants = TestCloud.StartAsync("short-grants", requireSignatures: false, "--Grants:Validity=00:00:05");
        Shared = await shared;
        ShortGrants = await shortGrants;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Shared.DisposeAsync();
        await ShortGrants.DisposeAsync();
    }
}
