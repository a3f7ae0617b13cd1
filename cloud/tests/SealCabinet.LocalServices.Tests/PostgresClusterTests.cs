using Npgsql;

namespace SealCabinet.LocalServices.Tests;

[TestFixture]
public sealed class PostgresClusterTests
{
    [Test]
    public async Task A_new_cluster_starts_accepts_connections_and_stops()
    {
        var directory = TestDirectory.Create("pg-new");
        var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = directory });

        Assert.That(cluster.StartedHere, Is.True);
        Assert.That(await ScalarAsync(cluster.ConnectionString(), "SELECT current_user"), Is.EqualTo(PostgresCluster.SuperUser));

        await cluster.StopAsync();

        Assert.That(async () => await ScalarAsync(cluster.ConnectionString(), "SELECT 1"), Throws.InstanceOf<NpgsqlException>());
    }

    [Test]
    public async Task A_stopped_cluster_restarts_on_its_data_directory_and_keeps_its_data()
    {
        var directory = TestDirectory.Create("pg-restart");
        await using (var first = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = directory }))
        {
            await first.CreateDatabaseAsync("keep");
            await ScalarAsync(first.ConnectionString("keep"), "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42); SELECT 1");
        }

        await using var second = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = directory });

        Assert.That(second.StartedHere, Is.True);
        Assert.That(await ScalarAsync(second.ConnectionString("keep"), "SELECT v FROM kept"), Is.EqualTo(42));
    }

    [Test]
    public async Task A_running_cluster_is_reused_and_not_stopped_by_the_reuser()
    {
        var directory = TestDirectory.Create("pg-reuse");
        await using var owner = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = directory });

        await using (var reuser = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = directory }))
        {
            Assert.That(reuser.StartedHere, Is.False);
            Assert.That(reuser.Port, Is.EqualTo(owner.Port));
        }

        Assert.That(await ScalarAsync(owner.ConnectionString(), "SELECT 7"), Is.EqualTo(7));
    }

    [Test]
    public async Task Creating_a_database_twice_is_harmless()
    {
        var directory = TestDirectory.Create("pg-createdb");
        await using var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = directory });

        await cluster.CreateDatabaseAsync("twice");
        await cluster.CreateDatabaseAsync("twice");

        Assert.That(await ScalarAsync(cluster.ConnectionString("twice"), "SELECT current_database()"), Is.EqualTo("twice"));
    }

    [Test]
    public async Task The_cluster_refuses_a_wrong_password()
    {
        var directory = TestDirectory.Create("pg-auth");
        await using var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = directory });
        var wrong = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Password = "not-the-password" }.ConnectionString;

        Assert.That(async () => await ScalarAsync(wrong, "SELECT 1"),
            Throws.InstanceOf<PostgresException>().With.Property(nameof(PostgresException.SqlState)).EqualTo("28P01"));
    }

    [Test]
    public void Missing_binaries_give_an_error_naming_the_package_to_install()
    {
        var empty = TestDirectory.Create("pg-nobin");
        Directory.CreateDirectory(empty);

        var error = Assert.ThrowsAsync<LocalServiceException>(async () =>
            await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = TestDirectory.Create("pg-unused"), BinDirectory = empty }));

        Assert.That(error!.Message, Does.Contain("initdb").And.Contain(empty).And.Contain("apt-get install -y postgresql"));
    }

    [Test]
    public void A_non_empty_directory_without_a_cluster_is_refused()
    {
        var directory = TestDirectory.Create("pg-occupied");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "something.txt"), "not a cluster");

        var error = Assert.ThrowsAsync<LocalServiceException>(async () =>
            await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = directory }));

        Assert.That(error!.Message, Does.Contain("not empty").And.Contain(directory));
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
