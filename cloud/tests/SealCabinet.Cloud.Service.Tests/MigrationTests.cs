using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SealCabinet.Cloud.Service.Hosting;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>With an external database, migrations run only through the explicit migrate command.</summary>
[TestFixture]
public sealed class MigrationTests
{
    [Test]
    public async Task The_migrate_command_applies_every_migration_and_seeds_the_catalogue()
    {
        var connectionString = await EmptyDatabaseAsync("migrate");

        var exitCode = await CloudHost.RunAsync(["migrate", $"--Database:ConnectionString={connectionString}", "--Logging:LogLevel:Default=Warning"]);

        await using var db = CloudServiceHost.CreateDbContext(connectionString);
        Assert.That(exitCode, Is.Zero);
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That(await db.Matters.CountAsync(), Is.EqualTo(17));
        Assert.That(await db.SealKinds.CountAsync(), Is.EqualTo(3));
    }

    [Test]
    public async Task Running_the_migrate_command_twice_changes_nothing_the_second_time()
    {
        var connectionString = await EmptyDatabaseAsync("migrate-twice");
        string[] args = ["migrate", $"--Database:ConnectionString={connectionString}", "--Logging:LogLevel:Default=Warning"];

        Assert.That(await CloudHost.RunAsync(args), Is.Zero);
        Assert.That(await CloudHost.RunAsync(args), Is.Zero);
    }

    [Test]
    public async Task The_service_on_an_external_database_does_not_migrate_it_implicitly()
    {
        var connectionString = await EmptyDatabaseAsync("no-implicit");
        await using var host = await CloudServiceHost.StartUnreadyAsync("no-implicit", new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
        });
        await host.WaitUntilServingAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await host.As("reader", "supervisor@global").Organization.ListMattersAsync(new ListMattersRequest()));
        await using var db = CloudServiceHost.CreateDbContext(connectionString);

        Assert.That(error!.StatusCode, Is.Not.EqualTo(StatusCode.OK));
        Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.Empty);
    }

    private static async Task<string> EmptyDatabaseAsync(string name)
    {
        var database = $"m_{name.Replace('-', '_')}_{Guid.NewGuid().ToString("N")[..8]}";
        await TestServers.Postgres.CreateDatabaseAsync(database);
        var connectionString = TestServers.Postgres.ConnectionString(database);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connectionString;
    }
}
