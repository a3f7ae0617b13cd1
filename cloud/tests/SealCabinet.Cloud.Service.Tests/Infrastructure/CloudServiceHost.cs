using System.Security.Cryptography;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Mqtt;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Passkeys.Software;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>
/// One instance of the real service in a test server, on its own fresh database in the shared cluster,
/// with its own keys; by default with the embedded broker on a free loopback port.
/// </summary>
internal sealed class CloudServiceHost : IAsyncDisposable
{
    private const string Issuer = "sealcabinet-test";
    private const string Audience = "sealcabinet";
    private readonly WebApplicationFactory<Program> _factory;
    private readonly SymmetricSecurityKey _signingKey;

    private readonly Dictionary<string, string?> _settings;
    private readonly Lazy<Task<SoftwarePasskey>> _rootPasskey;

    private CloudServiceHost(
        WebApplicationFactory<Program> factory, string connectionString, SymmetricSecurityKey signingKey, Dictionary<string, string?> settings)
    {
        _factory = factory;
        ConnectionString = connectionString;
        _signingKey = signingKey;
        _settings = settings;
        _rootPasskey = new(() => Village.EnrolRootAdministratorAsync(this));
    }

    public string ConnectionString { get; }

    /// <summary>
    /// The passkey of the deployment's root administrator (<see cref="Village.RootAdministratorId"/>, the one person of
    /// Approvals:RootAdministrators), registered and endorsed by itself the first time a test needs an endorsement.
    /// </summary>
    public Task<SoftwarePasskey> RootPasskeyAsync() => _rootPasskey.Value;

    /// <summary>The in-process server's address (reachable only through <see cref="CreateServerHandler"/>).</summary>
    public Uri BaseAddress => _factory.Server.BaseAddress;

    /// <summary>An HTTP handler into the in-process server (e.g. for a firmware core's HTTP transport).</summary>
    public HttpMessageHandler CreateServerHandler() => _factory.Server.CreateHandler();

    /// <summary>The configuration this instance runs with (database, keys, …), e.g. for a service process on the same database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    public IServiceProvider Services => _factory.Services;

    /// <summary>The embedded broker's port (when no external broker is configured).</summary>
    public int EmbeddedBrokerPort => Services.GetRequiredService<EmbeddedMqttBroker>().Port;

    public static async Task<CloudServiceHost> StartAsync(string name, IDictionary<string, string?>? settings = null)
    {
        var host = await StartUnreadyAsync(name, settings);
        await host.WaitUntilServingAsync();
        return host;
    }

    /// <summary>Starts the service without waiting for it to be ready (for tests of an unhealthy service).</summary>
    public static async Task<CloudServiceHost> StartUnreadyAsync(string name, IDictionary<string, string?>? settings = null)
    {
        var database = $"t_{name.ToLowerInvariant()}_{Guid.NewGuid().ToString("N")[..8]}";
        await TestServers.Postgres.CreateDatabaseAsync(database);
        var connectionString = TestServers.Postgres.ConnectionString(database);
        await using (var db = CreateDbContext(connectionString))
        {
            await db.Database.MigrateAsync();
        }

        var signingKey = RandomNumberGenerator.GetBytes(32);
        var all = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = connectionString,
            ["Crypto:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Auth:SigningKey"] = Convert.ToBase64String(signingKey),
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Mqtt:EmbeddedPort"] = "0",
            ["Hosting:DataDirectory"] = TestServers.NewDirectory("data-" + name),
            ["Grants:OutboxPollInterval"] = "00:00:00.500",

            // Most tests approve with a bearer token; DecisionSignatureTests turn signatures on.
            ["Approvals:RequireSignature"] = "false",
            ["Approvals:RootAdministrators:0"] = Village.RootAdministratorId,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new CloudServiceHost(CreateFactory(all), all["Database:ConnectionString"]!, new SymmetricSecurityKey(signingKey), all);
    }

    /// <summary>A new service instance on the database and keys of <paramref name="previous"/> (e.g. with another broker).</summary>
    public static async Task<CloudServiceHost> ReattachAsync(CloudServiceHost previous, string name, IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(previous._settings);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        all["Hosting:DataDirectory"] = TestServers.NewDirectory("data-" + name);
        var host = new CloudServiceHost(CreateFactory(all), previous.ConnectionString, previous._signingKey, all);
        await host.WaitUntilServingAsync();
        return host;
    }

    public static CloudDbContext CreateDbContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<CloudDbContext>();
        CloudDbContextConfiguration.Configure(options, connectionString);
        return new CloudDbContext(options.Options);
    }

    public CloudDbContext CreateDbContext() => CreateDbContext(ConnectionString);

    /// <summary>Every ledger entry's record, in index order, parsed.</summary>
    public async Task<List<Ledger.Records.LedgerRecord>> LedgerRecordsAsync()
    {
        await using var db = CreateDbContext();
        var records = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Index).Select(e => e.Record).ToListAsync();
        return [.. records.Select(r => Ledger.Records.LedgerRecord.Parse(r))];
    }

    /// <summary>A token as an identity provider would issue it (claim format of docs/cloud.md).</summary>
    public string Token(string personId, params string[] roles) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { [AccessClaims.Subject] = personId, [AccessClaims.Roles] = roles },
            SigningCredentials = new SigningCredentials(_signingKey, SecurityAlgorithms.HmacSha256),
        });

    /// <summary>A token signed with another key: it must be refused.</summary>
    public static string ForeignToken(string personId, params string[] roles) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = new Dictionary<string, object> { [AccessClaims.Subject] = personId, [AccessClaims.Roles] = roles },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256),
        });

    public CloudClients As(string personId, params string[] roles) => WithToken(Token(personId, roles));

    public CloudClients WithToken(string? token) =>
        new(GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new BearerHandler(token, _factory.Server.CreateHandler()),
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            MaxSendMessageSize = 16 * 1024 * 1024,
        }));

    /// <summary>Clients without credentials (device calls, probes).</summary>
    public CloudClients Anonymous() => WithToken(null);

    /// <summary>A channel speaking gRPC-Web over HTTP/1.1, as the ESP32 does.</summary>
    public GrpcChannel GrpcWebChannel() =>
        GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, _factory.Server.CreateHandler()),
            HttpVersion = new Version(1, 1),
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

    /// <summary>Clients as the web console calls: gRPC-Web over HTTP/1.1 with a cookie jar, no bearer token.</summary>
    public (CloudClients Clients, CookieJarHandler Jar) Browser(bool sendCsrfHeader = true)
    {
        var jar = new CookieJarHandler(_factory.Server.BaseAddress, sendCsrfHeader, _factory.Server.CreateHandler());
        var channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, jar),
            HttpVersion = new Version(1, 1),
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
        return (new CloudClients(channel), jar);
    }

    public async Task<HealthCheckResponse.Types.ServingStatus> HealthAsync()
    {
        var health = new Health.HealthClient(Anonymous().Channel);
        return (await health.CheckAsync(new HealthCheckRequest())).Status;
    }

    /// <summary>Polls the health service until the database and the broker connection are both up.</summary>
    public async Task WaitUntilServingAsync() => await WaitForHealthAsync(HealthCheckResponse.Types.ServingStatus.Serving);

    public async Task WaitForHealthAsync(HealthCheckResponse.Types.ServingStatus wanted)
    {
        await Eventually.UntilAsync(async _ => await HealthAsync() == wanted, TimeSpan.FromSeconds(30), $"health {wanted}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_rootPasskey.IsValueCreated && _rootPasskey.Value.IsCompletedSuccessfully)
        {
            (await _rootPasskey.Value).Dispose();
        }

        await _factory.DisposeAsync();
    }

    private static WebApplicationFactory<Program> CreateFactory(Dictionary<string, string?> settings)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
        _ = factory.Server;
        return factory;
    }
}
