using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace SealCabinet.LocalServices;

/// <summary>
/// A private PostgreSQL cluster run from the machine's own server binaries, listening on a loopback port
/// with password authentication. It needs no container engine and no system-wide service.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>The superuser the cluster is created with.</summary>
    public const string SuperUser = "sealcabinet";

    private const string PasswordFileName = "sealcabinet.password";
    private readonly PostgresBinaries _binaries;
    private readonly string _password;
    private bool _stopped;

    private PostgresCluster(PostgresBinaries binaries, string dataDirectory, int port, string password, bool startedHere)
    {
        _binaries = binaries;
        DataDirectory = dataDirectory;
        Port = port;
        _password = password;
        StartedHere = startedHere;
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>False when a server already running on this data directory was reused.</summary>
    public bool StartedHere { get; }

    /// <summary>
    /// Starts the cluster in <see cref="PostgresClusterOptions.DataDirectory"/>: creates it if the directory
    /// holds none, starts it if it is not running, and reuses it if it is.
    /// </summary>
    public static async Task<PostgresCluster> StartAsync(PostgresClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binaries = PostgresBinaries.Locate(options.BinDirectory);
        var dataDirectory = Path.GetFullPath(options.DataDirectory);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(binaries, dataDirectory, cancellationToken).ConfigureAwait(false);
        }

        var password = await ReadPasswordAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
        var runningPort = await RunningPortAsync(binaries, dataDirectory, cancellationToken).ConfigureAwait(false);
        if (runningPort is { } port)
        {
            return new PostgresCluster(binaries, dataDirectory, port, password, startedHere: false);
        }

        // A port picked here was free a moment ago, but another process may bind it first: a picked port that
        // turns out taken is replaced by another (an explicit one is not).
        for (var attempt = 1; ; attempt++)
        {
            port = options.Port != 0 ? options.Port : FreePort.Next();
            var started = await StartServerAsync(binaries, dataDirectory, port, options.Settings, retryable: options.Port == 0 && attempt < 3, cancellationToken)
                .ConfigureAwait(false);
            if (started)
            {
                return new PostgresCluster(binaries, dataDirectory, port, password, startedHere: true);
            }
        }
    }

    /// <summary>An Npgsql connection string for the superuser and <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates <paramref name="database"/> unless it exists.</summary>
    public async Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server (fast shutdown: sessions end, committed data stays).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopped)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var (fileName, arguments) = ServerAccount.AsServerUser(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"]);
        var (exitCode, output) = await ProcessRunner.RunAsync(fileName, arguments, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0 && await RunningPortAsync(_binaries, DataDirectory, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new LocalServiceException($"pg_ctl could not stop the cluster in {DataDirectory}: {output.Trim()}");
        }

        _stopped = true;
    }

    /// <summary>Stops the server if this instance started it; a reused server is left running.</summary>
    public async ValueTask DisposeAsync()
    {
        if (StartedHere)
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    private static async Task InitializeAsync(PostgresBinaries binaries, string dataDirectory, CancellationToken cancellationToken)
    {
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new LocalServiceException(
                $"{dataDirectory} is not empty and holds no PostgreSQL cluster (no PG_VERSION); choose an empty or new directory.");
        }

        Directory.CreateDirectory(dataDirectory);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var passwordFile = Path.Combine(Path.GetTempPath(), "sealcabinet-pw-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken).ConfigureAwait(false);
        try
        {
            await ServerAccount.HandOverAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
            await ServerAccount.HandOverAsync(passwordFile, cancellationToken).ConfigureAwait(false);
            var (fileName, arguments) = ServerAccount.AsServerUser(binaries.InitDb,
            [
                "-D", dataDirectory, "-U", SuperUser, "--pwfile", passwordFile, "--auth=scram-sha-256",
                "-E", "UTF8", "--no-locale", "--no-sync",
            ]);
            var (exitCode, output) = await ProcessRunner.RunAsync(fileName, arguments, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new LocalServiceException($"initdb failed for {dataDirectory}: {output.Trim()}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        // Kept inside the data directory, which only the cluster's owner (and root) can read.
        var storedPassword = Path.Combine(dataDirectory, PasswordFileName);
        await File.WriteAllTextAsync(storedPassword, password, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(storedPassword, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static async Task<string> ReadPasswordAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDirectory, PasswordFileName);
        if (!File.Exists(path))
        {
            throw new LocalServiceException(
                $"{dataDirectory} holds a PostgreSQL cluster that was not created by this launcher (no {PasswordFileName}); " +
                "use another directory or delete this one.");
        }

        return (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
    }

    private static async Task<int?> RunningPortAsync(PostgresBinaries binaries, string dataDirectory, CancellationToken cancellationToken)
    {
        var (fileName, arguments) = ServerAccount.AsServerUser(binaries.PgCtl, ["status", "-D", dataDirectory]);
        var (exitCode, _) = await ProcessRunner.RunAsync(fileName, arguments, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            return null;
        }

        // postmaster.pid: line 4 is the port (see PostgreSQL's src/include/miscadmin.h, LOCK_FILE_LINE_PORT).
        var lines = await File.ReadAllLinesAsync(Path.Combine(dataDirectory, "postmaster.pid"), cancellationToken).ConfigureAwait(false);
        return lines.Length > 3 && int.TryParse(lines[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    /// <returns>False when the port was taken and <paramref name="retryable"/> allows another.</returns>
    private static async Task<bool> StartServerAsync(
        PostgresBinaries binaries, string dataDirectory, int port, IReadOnlyDictionary<string, string> settings, bool retryable,
        CancellationToken cancellationToken)
    {
        // TCP on loopback only: a Unix socket inside a deep data directory can exceed the 107-byte path limit.
        var serverOptions = string.Join(' ',
            new[] { $"-p {port}", "-c listen_addresses=127.0.0.1", "-c unix_socket_directories=''", "-c max_connections=300" }
                .Concat(settings.Select(setting => $"-c {setting.Key}={setting.Value}")));
        var (fileName, arguments) = ServerAccount.AsServerUser(binaries.PgCtl,
        [
            "start", "-D", dataDirectory, "-w", "-t", "60", "-l", Path.Combine(dataDirectory, "server.log"), "-o", serverOptions,
        ]);
        var log = Path.Combine(dataDirectory, "server.log");
        var logStart = File.Exists(log) ? new FileInfo(log).Length : 0;
        var (exitCode, output) = await ProcessRunner.RunAsync(fileName, arguments, cancellationToken).ConfigureAwait(false);
        if (exitCode == 0)
        {
            return true;
        }

        var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(10)) : string.Empty;
        if (retryable && PortTaken(log, logStart))
        {
            return false;
        }

        throw new LocalServiceException($"pg_ctl could not start the cluster in {dataDirectory} on port {port}: {output.Trim()}\n{tail}");
    }

    private static bool PortTaken(string log, long from)
    {
        if (!File.Exists(log))
        {
            return false;
        }

        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Contains("Address already in use", StringComparison.Ordinal);
    }
}
