using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.LocalServices;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// A Mosquitto set up exactly as docs/cloud.md describes (password file with the derived MQTT passwords,
/// pattern ACL): it enforces the same device authentication and topic rules as the embedded broker.
/// </summary>
[TestFixture]
public sealed class MosquittoDeviceAclTests
{
    /// <summary>The ACL file of docs/cloud.md, verbatim.</summary>
    private const string AclFile = """
        # The cloud service: publishes every cabinet's grants, follows every cabinet's status.
        user sealcabinet-cloud
        topic write sealcabinet/v1/devices/+/grants
        topic read sealcabinet/v1/devices/+/status

        # Every cabinet (user name = device id): its own grants, withdrawals and roster topics and its own status topic only.
        pattern read sealcabinet/v1/devices/%u/grants
        pattern read sealcabinet/v1/devices/%u/withdrawals
        pattern read sealcabinet/v1/devices/%u/roster
        pattern write sealcabinet/v1/devices/%u/status
        """;

    private const string ServicePassword = "service-password-for-tests";
    private MosquittoBroker _mosquitto = null!;
    private CloudServiceHost _host = null!;
    private Village _village = null!;
    private Village _neighbour = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // The cabinets are registered first (through a service on the embedded broker) so their derived passwords can go into the file.
        var directory = TestServers.NewDirectory("mosquitto-acl");
        var passwordFile = Path.Combine(directory, "passwords");
        var aclFile = Path.Combine(directory, "acl");
        await File.WriteAllTextAsync(aclFile, AclFile);
        var setup = await CloudServiceHost.StartAsync("mosquitto-acl-setup");
        _village = await Village.CreateAsync(setup, "town-macl", "macl-a");
        _neighbour = await Village.CreateAsync(setup, "town-macl", "macl-b", createTown: false);
        await AddPasswordAsync(passwordFile, "sealcabinet-cloud", ServicePassword, create: true);
        await AddPasswordAsync(passwordFile, _village.Cabinet.DeviceId, TestCrypto.MqttPassword(_village.Cabinet.Secret), create: false);
        await AddPasswordAsync(passwordFile, _neighbour.Cabinet.DeviceId, TestCrypto.MqttPassword(_neighbour.Cabinet.Secret), create: false);
        _mosquitto = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions
        {
            WorkDirectory = directory,
            AllowAnonymous = false,
            PasswordFile = passwordFile,
            AclFile = aclFile,
        });
        await setup.DisposeAsync();

        _host = await CloudServiceHost.ReattachAsync(setup, "mosquitto-acl", new Dictionary<string, string?>
        {
            ["Mqtt:Host"] = _mosquitto.Host,
            ["Mqtt:Port"] = _mosquitto.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:Username"] = "sealcabinet-cloud",
            ["Mqtt:Password"] = ServicePassword,
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _mosquitto.DisposeAsync();
    }

    [Test]
    public async Task The_cabinet_gets_its_grant_with_its_derived_password()
    {
        await using var device = await DeviceMqtt.ConnectAsCabinetAsync(_mosquitto.Host, _mosquitto.Port, _village.Cabinet);
        await device.SubscribeAsync($"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/grants");
        var request = await _village.WithHost(_host).SubmitAsync();

        var issued = (await _village.WithHost(_host).CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;

        Assert.That(GrantChecks.Verify(GrantChecks.Decode(await device.NextMessageAsync()), _village.Cabinet.Secret).GrantId, Is.EqualTo(issued.GrantId));
    }

    [Test]
    public async Task A_wrong_password_is_refused()
    {
        var result = await DeviceMqtt.ConnectResultAsync(DeviceMqtt.Options(
            _mosquitto.Host, _mosquitto.Port, _village.Cabinet.DeviceId, _village.Cabinet.DeviceId, TestCrypto.MqttPassword(_neighbour.Cabinet.Secret)));

        Assert.That(result, Is.Not.EqualTo(MqttClientConnectResultCode.Success));
    }

    [Test]
    public async Task Another_cabinets_grants_never_reach_a_cabinet_that_subscribes_to_them()
    {
        // Mosquitto acknowledges the subscription but checks the read ACL on every delivery.
        await using var device = await DeviceMqtt.ConnectAsCabinetAsync(_mosquitto.Host, _mosquitto.Port, _village.Cabinet, MqttProtocolVersion.V500);
        await device.SubscribeAsync($"sealcabinet/v1/devices/{_neighbour.Cabinet.DeviceId}/grants");
        await device.SubscribeAsync($"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/grants");

        var neighbours = await _neighbour.WithHost(_host).SubmitAsync();
        var neighbourGrant = (await _neighbour.WithHost(_host).CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = neighbours.RequestId })).Grant;
        await GrantChecks.WaitUntilPublishedAsync(_host, neighbourGrant.GrantId);
        var own = await _village.WithHost(_host).SubmitAsync();
        var ownGrant = (await _village.WithHost(_host).CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = own.RequestId })).Grant;

        var first = GrantChecks.Decode(await device.NextMessageAsync());
        Assert.That(GrantChecks.Verify(first, _village.Cabinet.Secret).GrantId, Is.EqualTo(ownGrant.GrantId), "the first message is its own grant, not the neighbour's");
    }

    [Test]
    public async Task A_cabinet_cannot_publish_on_its_grants_topic()
    {
        await using var listener = await DeviceMqtt.ConnectAsCabinetAsync(_mosquitto.Host, _mosquitto.Port, _neighbour.Cabinet);
        await listener.SubscribeAsync($"sealcabinet/v1/devices/{_neighbour.Cabinet.DeviceId}/grants");
        await using var forger = await DeviceMqtt.ConnectAsCabinetAsync(_mosquitto.Host, _mosquitto.Port, _village.Cabinet, MqttProtocolVersion.V500);

        await forger.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"sealcabinet/v1/devices/{_neighbour.Cabinet.DeviceId}/grants").WithPayload([9, 9, 9])
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var request = await _neighbour.WithHost(_host).SubmitAsync();
        var issued = (await _neighbour.WithHost(_host).CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;

        var first = GrantChecks.Decode(await listener.NextMessageAsync());
        Assert.That(GrantChecks.Verify(first, _neighbour.Cabinet.Secret).GrantId, Is.EqualTo(issued.GrantId), "the forged message was not delivered");
    }

    private static async Task AddPasswordAsync(string file, string user, string password, bool create)
    {
        var arguments = create ? new[] { "-c", "-b", file, user, password } : ["-b", file, user, password];
        using var process = Process.Start(new ProcessStartInfo("mosquitto_passwd", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await process.StandardError.ReadToEndAsync());
    }
}
