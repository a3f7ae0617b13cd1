using Microsoft.EntityFrameworkCore;
using MQTTnet;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>
/// A cabinet holding another secret is refused by the embedded broker; the technician sees those refusals in the
/// cabinet's <c>auth_failures</c> (what <c>sealctl devices show</c> and <c>sealctl provision</c> print), recorded as
/// security events at a bounded rate.
/// </summary>
[TestFixture]
public sealed class RefusedMqttLoginTests
{
    private CloudServiceHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("mqtt-refused");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Logins_with_a_wrong_password_are_recorded_at_most_once_a_minute_and_counted_for_the_technician()
    {
        var village = await Village.CreateUniqueAsync(_host, "mr");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.That(await WrongLoginAsync(_host, village), Is.EqualTo(MqttClientConnectResultCode.BadUserNameOrPassword));
        }

        var cabinet = await GetCabinetAsync(village);
        var recorded = await RefusalsAsync(_host, village.Cabinet.DeviceId);
        Assert.That(cabinet.AuthFailures, Is.EqualTo(1), "three refusals within a minute are one record");
        Assert.That(cabinet.LastRejection, Is.Empty, "a refused login is not a rejection of events");
        Assert.That(recorded, Has.Count.EqualTo(1));
        Assert.That(recorded[0], Does.StartWith("MQTT login refused: wrong password (from 127.0.0.1:"));
    }

    [Test]
    public async Task Every_refused_login_is_recorded_when_the_interval_is_zero_and_the_next_record_counts_none_suppressed()
    {
        await using var host = await CloudServiceHost.StartAsync("mqtt-refused-each", new Dictionary<string, string?>
        {
            ["Mqtt:RefusedLoginRecordInterval"] = "00:00:00",
        });
        var village = await Village.CreateUniqueAsync(host, "mr");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await WrongLoginAsync(host, village);
        }

        var cabinet = await village.Technician.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = village.Cabinet.DeviceId });
        Assert.That(cabinet.Cabinet.AuthFailures, Is.EqualTo(3));
        Assert.That(await RefusalsAsync(host, village.Cabinet.DeviceId), Has.All.Not.Contain("more refused"));
    }

    [Test]
    public async Task A_cabinet_logging_in_with_its_own_password_counts_no_failure()
    {
        var village = await Village.CreateUniqueAsync(_host, "mr");

        var device = await DeviceMqtt.ConnectAsCabinetAsync("127.0.0.1", _host.EmbeddedBrokerPort, village.Cabinet);
        Assert.That(device.Client.IsConnected, Is.True);
        await device.DisposeAsync();

        Assert.That((await GetCabinetAsync(village)).AuthFailures, Is.Zero);
        Assert.That(await RefusalsAsync(_host, village.Cabinet.DeviceId), Is.Empty);
    }

    [Test]
    public async Task Refused_logins_under_an_unknown_device_id_are_not_recorded()
    {
        var unknown = "cab-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

        var result = await DeviceMqtt.ConnectResultAsync(DeviceMqtt.Options("127.0.0.1", _host.EmbeddedBrokerPort, unknown, unknown, new string('0', 64)));

        Assert.That(result, Is.EqualTo(MqttClientConnectResultCode.BadUserNameOrPassword));
        Assert.That(await RefusalsAsync(_host, unknown), Is.Empty);
    }

    /// <summary>Logs in as the cabinet with the password of another secret (a stale provisioning bundle).</summary>
    private static Task<MqttClientConnectResultCode> WrongLoginAsync(CloudServiceHost host, Village village) =>
        DeviceMqtt.ConnectResultAsync(DeviceMqtt.Options(
            "127.0.0.1", host.EmbeddedBrokerPort, village.Cabinet.DeviceId, village.Cabinet.DeviceId,
            TestCrypto.MqttPassword(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    private static async Task<Cabinet> GetCabinetAsync(Village village) =>
        (await village.Technician.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = village.Cabinet.DeviceId })).Cabinet;

    private static async Task<List<string>> RefusalsAsync(CloudServiceHost host, string deviceId)
    {
        await using var db = host.CreateDbContext();
        return await db.SecurityEvents.Where(s => s.DeviceId == deviceId && s.Kind == SecurityEventKinds.MqttBadPassword)
            .OrderBy(s => s.Id).Select(s => s.Detail).ToListAsync();
    }
}
