using Microsoft.Extensions.Options;
using SealCabinet.LocalServices;

namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>
/// Embedded mode's database: a private PostgreSQL cluster under <c>{data}/postgres</c>, started (or reused)
/// before anything else and migrated at once; stopped last. Does nothing when a connection string is configured.
/// </summary>
/// <remarks>
/// One service process at a time owns a data directory (an exclusive lock on <c>{data}/service.lock</c>, released
/// by the operating system even when the process is killed). A cluster found running there is therefore an orphan of
/// a killed or failed earlier run: it is reused, and stopped like one started here, so none outlives its service.
/// </remarks>
internal sealed class EmbeddedPostgres(
    DatabaseEndpoint endpoint,
    IOptions<DatabaseOptions> database,
    IOptions<HostingOptions> hosting,
    Migrator migrator,
    ILogger<EmbeddedPostgres> logger) : IHostedService
{
    public const string LockFileName = "service.lock";
    private FileStream? _lock;
    private PostgresCluster? _cluster;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!endpoint.IsEmbedded)
        {
            return;
        }

        await StartClusterAsync(cancellationToken);
        await migrator.MigrateAsync(cancellationToken);
    }

    /// <summary>Starts the cluster without migrating (the migrate command migrates itself).</summary>
    public async Task StartClusterAsync(CancellationToken cancellationToken)
    {
        var data = hosting.Value.DataDirectoryPath;
        var directory = Path.Combine(data, "postgres");
        var settings = database.Value;
        _lock = LockDataDirectory(data);
        _cluster = await PostgresCluster.StartAsync(
            new PostgresClusterOptions { DataDirectory = directory, Port = settings.EmbeddedPort, BinDirectory = settings.PostgresBinDirectory },
            cancellationToken);
        logger.LogWarning(
            "DEVELOPMENT MODE: embedded PostgreSQL cluster in {Directory} on 127.0.0.1:{Port} ({How}); configure Database:ConnectionString for production",
            directory, _cluster.Port, _cluster.StartedHere ? "started" : "reused: left running by an earlier run");
        await _cluster.CreateDatabaseAsync(settings.EmbeddedDatabase, cancellationToken);
        endpoint.UseEmbedded(_cluster.ConnectionString(settings.EmbeddedDatabase));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_cluster is not null)
        {
            await _cluster.StopAsync(cancellationToken);
            logger.LogInformation("Embedded PostgreSQL cluster in {Directory} stopped", _cluster.DataDirectory);
            _cluster = null;
        }

        if (_lock is not null)
        {
            await _lock.DisposeAsync();
            _lock = null;
        }
    }

    private static FileStream LockDataDirectory(string data)
    {
        Directory.CreateDirectory(data);
        var path = Path.Combine(data, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"{data} is in use by another running service process ({path} is locked); stop it first, or use another Hosting:DataDirectory.", e);
        }
    }
}
