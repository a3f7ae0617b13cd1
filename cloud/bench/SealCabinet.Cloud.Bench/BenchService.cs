using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SealCabinet.Cloud.Service.Hosting;
using SealCabinet.LocalServices;

namespace SealCabinet.Cloud.Bench;

/// <summary>
/// A private PostgreSQL cluster (durable settings: fsync and synchronous_commit on) and the real service on it,
/// in this process, with Kestrel listening on h2c (native gRPC) and HTTP/1.1 (gRPC-Web) loopback ports.
/// </summary>
internal sealed class BenchService : IAsyncDisposable
{
    private readonly PostgresCluster _cluster;
    private readonly WebApplication _app;
    private readonly string _directory;

    private BenchService(PostgresCluster cluster, WebApplication app, string directory, string connectionString, int grpcPort, int webPort)
    {
        _cluster = cluster;
        _app = app;
        _directory = directory;
        ConnectionString = connectionString;
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        GrpcWebAddress = $"http://127.0.0.1:{webPort}";
    }

    public string ConnectionString { get; }

    public string GrpcAddress { get; }

    public string GrpcWebAddress { get; }

    public IServiceProvider Services => _app.Services;

    public string PostgresVersion { get; private set; } = "";

    public static async Task<BenchService> StartAsync(CancellationToken ct)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sealcabinet-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            DataDirectory = Path.Combine(directory, "postgres"),
            Settings = new Dictionary<string, string>
            {
                ["fsync"] = "on",
                ["synchronous_commit"] = "on",
                ["max_connections"] = "200",
                ["shared_buffers"] = "256MB",
                ["max_wal_size"] = "4GB",
            },
        }, ct);
        await cluster.CreateDatabaseAsync("bench", ct);
        var connectionString = cluster.ConnectionString("bench") + ";Maximum Pool Size=150";
        var grpcPort = FreePort();
        var webPort = FreePort();
        var builder = WebApplication.CreateBuilder(
        [
            $"--Database:ConnectionString={connectionString}",
            $"--Crypto:MasterKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            $"--Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            "--Auth:Issuer=sealcabinet-bench",
            "--Hosting:AllowDevelopmentKeys=true",
            "--Mqtt:EmbeddedPort=0",
            $"--Hosting:DataDirectory={Path.Combine(directory, "data")}",
            $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{grpcPort}",
            "--Kestrel:Endpoints:Grpc:Protocols=Http2",
            $"--Kestrel:Endpoints:GrpcWeb:Url=http://127.0.0.1:{webPort}",
            "--Kestrel:Endpoints:GrpcWeb:Protocols=Http1",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:SealCabinet.Cloud.Service.DeviceGateway=Error",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None",
            "--Logging:LogLevel:SealCabinet.Cloud.Service.Mqtt=Error",
        ]);
        builder.AddCloudService();
        var app = builder.Build();
        app.MapCloudService();
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
        await app.StartAsync(ct);
        var service = new BenchService(cluster, app, directory, connectionString, grpcPort, webPort);
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        service.PostgresVersion = connection.PostgreSqlVersion.ToString();
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"bench: left {_directory} behind ({e.Message})");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
