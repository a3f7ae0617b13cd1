extern alias sealctl;

using Grpc.Core;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using DevelopmentToken = sealctl::SealCabinet.Cloud.Tool.Infrastructure.DevelopmentToken;
using ToolChecks = sealctl::SealCabinet.Cloud.Tool.Infrastructure.Checks;
using ToolDeviceKeys = sealctl::SealCabinet.Cloud.Tool.Infrastructure.DeviceKeys;
using UsageException = sealctl::SealCabinet.Cloud.Tool.Infrastructure.UsageException;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>sealctl's token minting against a service in development-key mode, and its local argument checks.</summary>
[TestFixture]
public sealed class SealctlTests
{
    private CloudServiceHost _host = null!;
    private string _dataDirectory = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _dataDirectory = TestServers.NewDirectory("sealctl-data");

        // No Auth:SigningKey: the service generates {data}/dev-auth.json, as in embedded mode.
        _host = await CloudServiceHost.StartAsync("sealctl", new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = null,
            ["Auth:Issuer"] = "sealcabinet-dev",
            ["Hosting:DataDirectory"] = _dataDirectory,
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task A_token_minted_by_sealctl_from_the_development_key_file_is_accepted_with_its_roles()
    {
        var token = DevelopmentToken.Mint(_dataDirectory, "root", ["administrator@global"], TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

        var town = await _host.WithToken(token).Organization.CreateTownAsync(new CreateTownRequest { Town = new Town { TownId = "town-sealctl", Name = "工具镇" } });

        Assert.That(town.Town.TownId, Is.EqualTo("town-sealctl"));
    }

    [Test]
    public void A_token_minted_by_sealctl_without_the_role_is_denied()
    {
        var token = DevelopmentToken.Mint(_dataDirectory, "nobody", ["custodian@village:elsewhere"], TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

        var error = Assert.ThrowsAsync<RpcException>(async () => await _host.WithToken(token).Organization.CreateTownAsync(
            new CreateTownRequest { Town = new Town { TownId = "town-denied", Name = "x" } }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    [Test]
    public void An_expired_sealctl_token_is_unauthenticated()
    {
        var token = DevelopmentToken.Mint(_dataDirectory, "root", ["administrator@global"], TimeSpan.FromHours(1), DateTimeOffset.UtcNow.AddHours(-3));

        var error = Assert.ThrowsAsync<RpcException>(async () => await _host.WithToken(token).Organization.ListMattersAsync(new ListMattersRequest()));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
    }

    [TestCase("http://192.0.2.10:5080")]
    [TestCase("http://seal.example")]
    public async Task A_plain_http_address_of_another_machine_is_refused_before_the_token_is_sent(string url)
    {
        var (code, error) = await RunSealctlAsync("devices", "list", "--village", "v-1", "--url", url, "--token", "secret-token-value");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain($"--url: '{url}' is plain http to another machine"));
        Assert.That(error, Does.Not.Contain("secret-token-value"));
    }

    [Test]
    public async Task Plain_http_to_this_machine_is_allowed()
    {
        // Nothing listens on port 9: the call fails on the connection, not on the address.
        var (code, error) = await RunSealctlAsync("devices", "list", "--village", "v-1", "--url", "http://127.0.0.1:9", "--token", "t");

        Assert.That(code, Is.Not.EqualTo(2), error);
        Assert.That(error, Does.Not.Contain("plain http"));
    }

    private static async Task<(int Code, string Error)> RunSealctlAsync(params string[] arguments)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            return (await sealctl::SealCabinet.Cloud.Tool.SealctlApp.RunAsync(arguments), error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    [Test]
    public void Minting_without_a_development_key_file_explains_what_to_do()
    {
        var error = Assert.Throws<UsageException>(() =>
            DevelopmentToken.Mint(TestServers.NewDirectory("empty"), "root", [], TimeSpan.FromHours(1), DateTimeOffset.UtcNow));

        Assert.That(error!.Message, Does.Contain("dev-auth.json").And.Contain("--data-dir"));
    }

    [TestCase("custodian@village:yiqiao")]
    [TestCase("approver:COMMITTEE@village:yiqiao")]
    [TestCase("supervisor@town:town-yiqiao")]
    [TestCase("administrator@global")]
    public void Well_formed_role_claims_pass_the_local_check(string claim)
    {
        Assert.That(ToolChecks.RoleClaim(claim, "--role"), Is.EqualTo(claim));
    }

    [TestCase("approver@village:yiqiao")]
    [TestCase("custodian:PARTY@village:yiqiao")]
    [TestCase("overlord@global")]
    [TestCase("custodian@Village:Yiqiao")]
    [TestCase("custodian")]
    public void Malformed_role_claims_are_refused_locally(string claim)
    {
        var error = Assert.Throws<UsageException>(() => ToolChecks.RoleClaim(claim, "--role"));

        Assert.That(error!.Message, Does.StartWith("--role:"));
    }

    [TestCase("treasury")]
    [TestCase("")]
    public void An_unknown_seal_kind_is_refused_locally(string seal)
    {
        Assert.Throws<UsageException>(() => ToolChecks.Seal(seal, "--seal"));
    }

    [TestCase("pin", CabinetAuthPolicy.Pin)]
    [TestCase("PIN-OR-CARD", CabinetAuthPolicy.PinOrCard)]
    [TestCase("pin-and-card", CabinetAuthPolicy.PinAndCard)]
    public void Cabinet_sign_in_policies_are_read_by_their_names(string name, CabinetAuthPolicy expected)
    {
        Assert.That(ToolChecks.AuthPolicy(name, "--policy"), Is.EqualTo(expected));
    }

    [TestCase("fingerprint")]
    [TestCase("")]
    public void An_unknown_cabinet_sign_in_policy_is_refused_locally(string policy)
    {
        var error = Assert.Throws<UsageException>(() => ToolChecks.AuthPolicy(policy, "--policy"));

        Assert.That(error!.Message, Does.StartWith("--policy:"));
    }

    [TestCase(0)]
    [TestCase(21)]
    public void Copies_outside_1_to_20_are_refused_locally(int copies)
    {
        Assert.Throws<UsageException>(() => ToolChecks.Copies(copies, "--copies"));
    }

    [Test]
    public void The_mqtt_password_sealctl_prints_is_the_one_the_protocol_derives()
    {
        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

        Assert.That(ToolDeviceKeys.MqttPassword(secret), Is.EqualTo(TestCrypto.MqttPassword(secret)));
    }
}
