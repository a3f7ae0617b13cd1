using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

[TestFixture]
public sealed class MqttAccessTests
{
    private CloudServiceHost _host = null!;
    private Village _village = null!;
    private Village _neighbour = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("mqtt-acl");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    /// <summary>Each test has its own cabinets: persistent sessions and retained status stay the test's own.</summary>
    [SetUp]
    public async Task NewVillagesAsync()
    {
        _village = await Village.CreateUniqueAsync(_host, "acl-a");
        _neighbour = await Village.CreateUniqueAsync(_host, "acl-b", town: _village);
    }

    private int Port => _host.EmbeddedBrokerPort;

    [Test]
    public async Task A_cabinet_with_its_derived_password_connects()
    {
        await using var device = await DeviceMqtt.ConnectAsCabinetAsync("127.0.0.1", Port, _village.Cabinet);

        Assert.That(device.Client.IsConnected, Is.True);
    }

    [Test]
    public async Task A_wrong_password_is_refused()
    {
        var options = DeviceMqtt.Options("127.0.0.1", Port, _village.Cabinet.DeviceId, _village.Cabinet.DeviceId, TestCrypto.MqttPassword(_neighbour.Cabinet.Secret));

        var result = await DeviceMqtt.ConnectResultAsync(options);

        Assert.That(result, Is.EqualTo(MqttClientConnectResultCode.BadUserNameOrPassword));
    }

    [Test]
    public async Task The_secret_itself_is_not_the_password()
    {
        var options = DeviceMqtt.Options("127.0.0.1", Port, _village.Cabinet.DeviceId, _village.Cabinet.DeviceId, Convert.ToHexStringLower(_village.Cabinet.Secret));

        var result = await DeviceMqtt.ConnectResultAsync(options);

        Assert.That(result, Is.EqualTo(MqttClientConnectResultCode.BadUserNameOrPassword));
    }

    [Test]
    public async Task An_unknown_device_is_refused()
    {
        var options = DeviceMqtt.Options("127.0.0.1", Port, "cab-ffffffffffffffff", "cab-ffffffffffffffff", new string('0', 64));

        var result = await DeviceMqtt.ConnectResultAsync(options);

        Assert.That(result, Is.EqualTo(MqttClientConnectResultCode.BadUserNameOrPassword));
    }

    [Test]
    public async Task A_client_id_other_than_the_device_id_is_refused()
    {
        var options = DeviceMqtt.Options("127.0.0.1", Port, "someone-else", _village.Cabinet.DeviceId, TestCrypto.MqttPassword(_village.Cabinet.Secret));

        var result = await DeviceMqtt.ConnectResultAsync(options);

        Assert.That(result, Is.EqualTo(MqttClientConnectResultCode.ClientIdentifierNotValid));
    }

    [Test]
    public async Task A_client_without_credentials_is_refused()
    {
        var options = DeviceMqtt.Options("127.0.0.1", Port, "anonymous", null, null);

        var result = await DeviceMqtt.ConnectResultAsync(options);

        Assert.That(result, Is.Not.EqualTo(MqttClientConnectResultCode.Success));
    }

    [Test]
    public async Task A_cabinet_may_subscribe_to_its_own_grants_topic_only()
    {
        await using var device = await DeviceMqtt.ConnectAsCabinetAsync("127.0.0.1", Port, _village.Cabinet, MqttProtocolVersion.V500);

        var own = await device.SubscribeAsync($"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/grants");
        var other = await device.SubscribeAsync($"sealcabinet/v1/devices/{_neighbour.Cabinet.DeviceId}/grants");
        var wildcard = await device.SubscribeAsync("sealcabinet/v1/devices/+/grants");
        var status = await device.SubscribeAsync($"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/status");

        Assert.That(own.Items.Single().ResultCode, Is.EqualTo(MqttClientSubscribeResultCode.GrantedQoS1));
        Assert.That(other.Items.Single().ResultCode, Is.EqualTo(MqttClientSubscribeResultCode.NotAuthorized));
        Assert.That(wildcard.Items.Single().ResultCode, Is.EqualTo(MqttClientSubscribeResultCode.NotAuthorized));
        Assert.That(status.Items.Single().ResultCode, Is.EqualTo(MqttClientSubscribeResultCode.NotAuthorized));
    }

    [Test]
    public async Task A_cabinet_may_publish_its_own_status_topic_only()
    {
        await using var device = await DeviceMqtt.ConnectAsCabinetAsync("127.0.0.1", Port, _village.Cabinet, MqttProtocolVersion.V500);

        var forged = await device.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"sealcabinet/v1/devices/{_neighbour.Cabinet.DeviceId}/status").WithPayload("online")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var grantForgery = await device.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/grants").WithPayload([1, 2, 3])
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var own = await device.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/status").WithPayload("online")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build());
        await WaitUntilOnlineAsync(_village.Cabinet.DeviceId);

        Assert.That(forged.ReasonCode, Is.EqualTo(MqttClientPublishReasonCode.NotAuthorized));
        Assert.That(grantForgery.ReasonCode, Is.EqualTo(MqttClientPublishReasonCode.NotAuthorized));
        Assert.That(own.IsSuccess, Is.True);
        var neighbour = await _village.Technician.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = _village.Cabinet.DeviceId });
        Assert.That(neighbour.Cabinet.Online, Is.True);
        await using var db = _host.CreateDbContext();
        Assert.That(await db.Cabinets.Where(c => c.DeviceId == _neighbour.Cabinet.DeviceId).Select(c => c.Online).SingleAsync(), Is.False);
    }

    [Test]
    public async Task A_last_will_on_another_cabinets_topic_is_not_delivered()
    {
        var subscriberCabinet = _neighbour.Cabinet;
        var forgerOptions = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", Port)
            .WithClientId(_village.Cabinet.DeviceId)
            .WithCredentials(_village.Cabinet.DeviceId, TestCrypto.MqttPassword(_village.Cabinet.Secret))
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithWillTopic($"sealcabinet/v1/devices/{subscriberCabinet.DeviceId}/grants")
            .WithWillPayload([9, 9, 9])
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await using var victim = await DeviceMqtt.ConnectAsCabinetAsync("127.0.0.1", Port, subscriberCabinet);
        await victim.SubscribeAsync($"sealcabinet/v1/devices/{subscriberCabinet.DeviceId}/grants");
        var forger = await DeviceMqtt.ConnectAsync(forgerOptions);

        // Dropping the connection without DISCONNECT makes the broker send the will.
        forger.Client.Dispose();
        var request = await _neighbour.SubmitAsync();
        var issued = (await _neighbour.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;

        var first = GrantChecks.Decode(await victim.NextMessageAsync());
        Assert.That(GrantChecks.Verify(first, subscriberCabinet.Secret).GrantId, Is.EqualTo(issued.GrantId), "the first message is the real grant, not the forged will");
    }

    [Test]
    public async Task A_decommissioned_cabinet_is_refused_and_disconnected()
    {
        var village = await Village.CreateAsync(_host, "town-acl-decom", "acl-decom");
        await using var device = await DeviceMqtt.ConnectAsCabinetAsync("127.0.0.1", Port, village.Cabinet);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        device.Client.DisconnectedAsync += _ =>
        {
            disconnected.TrySetResult();
            return Task.CompletedTask;
        };

        await village.Technician.Devices.DecommissionCabinetAsync(new DecommissionCabinetRequest { DeviceId = village.Cabinet.DeviceId, Reason = "stolen" });
        await Eventually.WithinAsync(disconnected.Task, TimeSpan.FromSeconds(15), "the decommissioned cabinet's disconnection");
        var result = await DeviceMqtt.ConnectResultAsync(DeviceMqtt.Options(
            "127.0.0.1", Port, village.Cabinet.DeviceId, village.Cabinet.DeviceId, TestCrypto.MqttPassword(village.Cabinet.Secret)));

        Assert.That(result, Is.EqualTo(MqttClientConnectResultCode.NotAuthorized));
    }

    [Test]
    public async Task The_embedded_broker_listens_only_on_its_configured_loopback_address()
    {
        var otherAddresses = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .Where(a => !a.Equals(IPAddress.Loopback) && !a.IsIPv6LinkLocal)
            .Append(IPAddress.IPv6Loopback)
            .Distinct()
            .ToList();

        Assert.That(await AcceptsAsync(IPAddress.Loopback, Port), Is.True, "the broker must accept connections on 127.0.0.1");
        foreach (var address in otherAddresses)
        {
            Assert.That(await AcceptsAsync(address, Port), Is.False, $"the broker (Mqtt:EmbeddedAddress=127.0.0.1) must not be reachable on {address}");
        }
    }

    private static async Task<bool> AcceptsAsync(IPAddress address, int port)
    {
        using var client = new TcpClient(address.AddressFamily);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task WaitUntilOnlineAsync(string deviceId)
    {
        await Eventually.UntilAsync(async token =>
        {
            await using var db = _host.CreateDbContext();
            return await db.Cabinets.Where(c => c.DeviceId == deviceId).Select(c => c.Online).SingleAsync(token);
        }, TimeSpan.FromSeconds(15), $"cabinet {deviceId} shown online");
    }
}
