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
