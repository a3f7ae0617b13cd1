using SealCabinet.LocalServices;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// The servers shared by the whole run: one private PostgreSQL cluster (each fixture gets its own database)
/// and one Mosquitto broker for the tests that use an external broker.
/// </summary>
[SetUpFixture]
public sealed class TestServers
{
    private static PostgresCluster? _postgres;

    public static PostgresCluster Postgres => _postgres ?? throw new InvalidOperationException("The PostgreSQL cluster is not started.");

    public static string WorkRoot { get; private set; } = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        WorkRoot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "cloud-tests", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(WorkRoot);
        _postgres = await PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            DataDirectory = Path.Combine(WorkRoot, "postgres"),
            Settings = new Dictionary<string, string> { ["fsync"] = "off", ["synchronous_commit"] = "off", ["full_page_writes"] = "off" },
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
            // A leftover directory under the test work folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // The cluster's files belong to the postgres user when the run is root; TestResults cleanup removes them.
        }
    }

    /// <summary>A fresh directory under the run's work folder.</summary>
    public static string NewDirectory(string purpose)
    {
        var path = Path.Combine(WorkRoot, purpose + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
