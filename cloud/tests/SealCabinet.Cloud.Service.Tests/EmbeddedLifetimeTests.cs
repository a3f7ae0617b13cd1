extern alias sealctl;

using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using Npgsql;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.LocalServices;
using StoredLedgerRows = sealctl::SealCabinet.Cloud.Tool.Supervision.StoredLedgerRows;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// The service as a real process in embedded mode (its own PostgreSQL cluster in its data directory, its own broker):
/// whatever it started is stopped again when its start fails, and a cluster an earlier run left behind does not
/// outlive the next run.
/// </summary>
[TestFixture]
public sealed class EmbeddedLifetimeTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromMinutes(2);

    // Development keys are for Development only: not just the environment named exactly "Production" refuses them.
    [TestCase("Production")]
    [TestCase("Staging")]
    public async Task A_start_refused_outside_Development_after_the_cluster_started_stops_the_cluster(string environment)
    {
        var data = TestServers.NewDirectory("refused-keys");
        var clusterPort = FreePort.Next();

        var (exitCode, output) = await ServiceProcess.RunToExitAsync(
            Embedded(data, clusterPort), "refused-keys", environment, ExitTimeout);

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain($"the environment is {environment}, not Development: refusing to use a development key"), "the start must fail on the development keys");
        Assert.That(output, Does.Contain($"embedded PostgreSQL cluster in {Path.Combine(data, "postgres")} on 127.0.0.1:{clusterPort} (started)"),
            "the cluster must have started before the refusal, or this test proves nothing");
        AssertClusterStopped(data, clusterPort, output);
    }

    [TestCase("Mqtt:Host", "192.0.2.10")]
    [TestCase("Mqtt:EmbeddedAddress", "0.0.0.0")]
    public async Task Plain_mqtt_off_this_machine_is_refused_at_start_outside_Development(string setting, string value)
    {
        var data = TestServers.NewDirectory("plain-mqtt");
        var settings = Embedded(data, FreePort.Next());
        settings["Hosting:AllowDevelopmentKeys"] = "true";
        settings[setting] = value;

        var (exitCode, output) = await ServiceProcess.RunToExitAsync(settings, "plain-mqtt", "Production", ExitTimeout);

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("MQTT without TLS would carry grants and broker passwords in clear"));
    }

    [Test]
    public async Task A_start_that_fails_on_a_port_in_use_stops_the_cluster_and_the_broker()
    {
        var data = TestServers.NewDirectory("port-in-use");
        var clusterPort = FreePort.Next();
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var settings = Embedded(data, clusterPort);
        settings["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{taken}";

        var (exitCode, output) = await ServiceProcess.RunToExitAsync(settings, "port-in-use", "Development", ExitTimeout);

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("embedded MQTT broker listening"), "the broker must have started before Kestrel failed");
        Assert.That(output, Does.Contain("Embedded MQTT broker stopped"), output);
        AssertClusterStopped(data, clusterPort, output);
    }

    [Test]
    public async Task A_cluster_left_running_by_an_earlier_run_is_reused_and_stopped_with_the_service()
    {
        var data = TestServers.NewDirectory("orphan");
        await using var orphan = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = Path.Combine(data, "postgres") });
        Assert.That(File.Exists(PostmasterPid(data)), Is.True, "the orphan cluster must be running before the service starts");

        await using var service = await ServiceProcess.StartAsync(Embedded(data, clusterPort: 0), "orphan");
        var exitCode = await service.TerminateAsync();

        Assert.That(exitCode, Is.Zero, service.Output);
        Assert.That(service.Output, Does.Contain($"on 127.0.0.1:{orphan.Port} (reused"), service.Output);
        AssertClusterStopped(data, orphan.Port, service.Output);
    }

    [Test]
    public async Task A_second_service_on_the_same_data_directory_is_refused_and_the_first_keeps_serving()
    {
        var data = TestServers.NewDirectory("shared");
        await using var first = await ServiceProcess.StartAsync(Embedded(data, clusterPort: 0), "shared-first");

        var (exitCode, output) = await ServiceProcess.RunToExitAsync(Embedded(data, clusterPort: 0), "shared-second", "Development", ExitTimeout);

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("is in use by another running service process"), output);
        using var channel = first.Channel();
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.That(health.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving), "the first service and its cluster must be untouched");
        Assert.That(await first.TerminateAsync(), Is.Zero, first.Output);
        Assert.That(File.Exists(PostmasterPid(data)), Is.False, first.Output);
    }

    [Test]
    public async Task The_embedded_cluster_gives_supervisors_a_read_only_connection_to_the_ledger_and_nothing_else()
    {
        var data = TestServers.NewDirectory("ledger-reader");
        await using var service = await ServiceProcess.StartAsync(Embedded(data, clusterPort: 0), "ledger-reader");
        var connectionString = (await File.ReadAllTextAsync(Path.Combine(data, "ledger-reader.connection"))).Trim();

        var rows = await StoredLedgerRows.ReadAsync(connectionString, CancellationToken.None);

        Assert.That(connectionString, Does.Contain("Username=ledger_reader").And.Not.Contain("Password"), "the password stays in the pgpass file");
        Assert.That(rows, Is.Empty, "a fresh installation has an empty ledger, and sealctl's reader can read it");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "SELECT count(*) FROM cabinets", "INSERT INTO ledger_entries (index, kind, record, leaf_hash, appended_at) VALUES (0, 'x', '', '', now())" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = Assert.ThrowsAsync<PostgresException>(async () => await command.ExecuteNonQueryAsync(), sql);
            Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), sql);
        }
    }

    /// <summary>Embedded mode: no connection string, no keys, everything under <paramref name="data"/>.</summary>
    private static Dictionary<string, string?> Embedded(string data, int clusterPort) => new()
    {
        ["Hosting:DataDirectory"] = data,
        ["Database:EmbeddedPort"] = clusterPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string PostmasterPid(string data) => Path.Combine(data, "postgres", "postmaster.pid");

    private static void AssertClusterStopped(string data, int port, string output)
    {
        Assert.That(File.Exists(PostmasterPid(data)), Is.False, $"the cluster in {data} must have been stopped (postmaster.pid is still there):\n{output}");
        using var probe = new TcpClient();
        Assert.That(() => probe.Connect(IPAddress.Loopback, port), Throws.InstanceOf<SocketException>(),
            $"nothing may listen on the cluster's port {port} any more");
    }
}
