using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
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
/// For supervisors it keeps a read-only role <c>ledger_reader</c> (SELECT on <c>ledger_entries</c> only) and writes the
/// connection string <c>sealctl audit verify --database</c> needs to <c>{data}/ledger-reader.connection</c>, its password
/// in the pgpass file <c>{data}/ledger-reader.pgpass</c> (owner-only), so that no password is typed or logged.
/// </remarks>
internal sealed class EmbeddedPostgres(
    DatabaseEndpoint endpoint,
    IOptions<DatabaseOptions> database,
    IOptions<HostingOptions> hosting,
    Migrator migrator,
    ILogger<EmbeddedPostgres> logger) : IHostedService
{
    public const string LockFileName = "service.lock";
    public const string LedgerReader = "ledger_reader";
    public const string LedgerReaderConnectionFileName = "ledger-reader.connection";
    public const string LedgerReaderPassFileName = "ledger-reader.pgpass";
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
        await EnsureLedgerReaderAsync(cancellationToken);
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

    private async Task EnsureLedgerReaderAsync(CancellationToken ct)
    {
        var data = hosting.Value.DataDirectoryPath;
        var databaseName = database.Value.EmbeddedDatabase;
        var passFile = Path.Combine(data, LedgerReaderPassFileName);
        var password = File.Exists(passFile) ? (await File.ReadAllTextAsync(passFile, ct)).Trim().Split(':')[^1] : "";
        if (password.Length == 0)
        {
            password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        }

        // pgpass format (host:port:database:user:password); any port, since the embedded cluster's port may change.
        await File.WriteAllTextAsync(passFile, $"127.0.0.1:*:{databaseName.Replace(":", "\\:", StringComparison.Ordinal)}:{LedgerReader}:{password}\n", ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var quotedDatabase = "\"" + databaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using (var connection = new NpgsqlConnection(endpoint.ConnectionString))
        {
            await connection.OpenAsync(ct);

            // The password is 48 hex digits: safe inside the literal. Re-set every start so the file is always right.
            await using var command = new NpgsqlCommand($"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{LedgerReader}') THEN CREATE ROLE {LedgerReader} LOGIN; END IF;
                END $$;
                ALTER ROLE {LedgerReader} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{password}';
                GRANT CONNECT ON DATABASE {quotedDatabase} TO {LedgerReader};
                GRANT USAGE ON SCHEMA public TO {LedgerReader};
                GRANT SELECT ON ledger_entries TO {LedgerReader};
                """, connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        var readOnly = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _cluster!.Port,
            Database = databaseName,
            Username = LedgerReader,
            Passfile = passFile,
        }.ConnectionString;
        await File.WriteAllTextAsync(Path.Combine(data, LedgerReaderConnectionFileName), readOnly + "\n", ct);
        logger.LogWarning(
            "DEVELOPMENT MODE: read-only ledger access for supervisors: sealctl audit verify … --database \"{ConnectionString}\" (also in {File})",
            readOnly, Path.Combine(data, LedgerReaderConnectionFileName));
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
