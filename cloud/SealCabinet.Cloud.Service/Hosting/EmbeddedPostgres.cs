using Microsoft.Extensions.Options;
using SealCabinet.LocalServices;

namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>
/// Embedded mode's database: a private PostgreSQL cluster under <c>{data}/postgres</c>, started (or reused)
/// before anything else and migrated at once; stopped last. Does nothing when a connection string is configured.
/// </summary>
internal sealed class EmbeddedPostgres(
    DatabaseEndpoint endpoint,
    IOptions<DatabaseOptions> database,
    IOptions<HostingOptions> hosting,
    Migrator migrator,
    ILogger<EmbeddedPostgres> logger) : IHostedService
{
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
        var directory = Path.Combine(hosting.Value.DataDirectoryPath, "postgres");
        var settings = database.Value;
        _cluster = await PostgresCluster.StartAsync(
            new PostgresClusterOptions { DataDirectory = directory, Port = settings.EmbeddedPort, BinDirectory = settings.PostgresBinDirectory },
            cancellationToken);
        await _cluster.CreateDatabaseAsync(settings.EmbeddedDatabase, cancellationToken);
        endpoint.UseEmbedded(_cluster.ConnectionString(settings.EmbeddedDatabase));
        logger.LogWarning(
            "DEVELOPMENT MODE: embedded PostgreSQL cluster in {Directory} on 127.0.0.1:{Port} ({How}); configure Database:ConnectionString for production",
            directory, _cluster.Port, _cluster.StartedHere ? "started" : "reused");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }
}
