using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Core.Tests.Support;
using SealCabinet.Firmware.Host.Network;
using ET = SealCabinet.Contracts.V1.EventType;

namespace SealCabinet.Firmware.Core.Tests.Mqtt;

/// <summary>Grant intake over a real MQTT broker, with the poll as fallback; duplicates are harmless.</summary>
[TestFixture]
public sealed class MqttGrantIntakeTests
{
    private static int _nextDevice;

    [Test]
    public void A_grant_published_on_the_cabinet_topic_unlocks_the_sleeve_and_the_cabinet_reports_online()
    {
        using Cabinet cabinet = NewCabinet(out _);
        using CloudClient cloud = new();
        cabinet.Boot();
        cabinet.SyncWithCloud();
        Assert.That(cabinet.TickUntil(() => cabinet.Mqtt.IsConnected), Is.True, "connects with device id and mqtt key");

        cloud.Publish(GrantsTopic(cabinet), cabinet.IssueGrant(2).ToByteArray());

        Assert.That(cabinet.TickUntil(() => cabinet.Firmware.GetSleevePhase(2) == SleevePhase.Ready), Is.True);
        Assert.That(cloud.RetainedStatus(StatusTopic(cabinet)), Is.EqualTo("online"));
    }

    [Test]
    public void Grants_published_while_the_cabinet_was_off_arrive_when_it_is_back_and_the_poll_copy_is_ignored()
    {
        using Cabinet cabinet = NewCabinet(out MqttNetChannel[] channels);
        using CloudClient cloud = new();
        cabinet.Boot();
        cabinet.SyncWithCloud();
        Assert.That(cabinet.TickUntil(() => cabinet.Mqtt.IsConnected), Is.True);

        channels[0].Abort();
        Assert.That(cloud.WaitForStatus(StatusTopic(cabinet), "offline"), Is.True, "the broker publishes the last will");
        SignedGrant grant = cabinet.IssueGrant(1, presses: 1);
        cloud.Publish(GrantsTopic(cabinet), grant.ToByteArray());
        cabinet.PowerCycle();
        cabinet.SyncWithCloud();

        Assert.That(cabinet.TickUntil(() => cabinet.Firmware.GetSleevePhase(1) == SleevePhase.Ready), Is.True, "the persistent session delivers the queued grant");
        cabinet.EnterPin();
        cabinet.PushStampButton(1);
        cabinet.Firmware.Uplink!.RequestPollNow();
        cabinet.Run(500);
        Assert.That(cabinet.Solenoids[0].OnCount, Is.EqualTo(1));
        Assert.That(cabinet.JournalTypes().Count(t => t == ET.GrantAccepted), Is.EqualTo(1));
        Assert.That(cabinet.JournalTypes().Count(t => t == ET.GrantRefused), Is.Zero, "duplicate deliveries leave no trace");
    }

    [Test]
    public void With_a_wrong_mqtt_password_the_cabinet_stays_off_the_broker_and_gets_grants_by_polling()
    {
        using Cabinet cabinet = NewCabinet(out _, wrongSecret: true);
        cabinet.Boot();
        cabinet.SyncWithCloud();
        cabinet.IssueGrant(3);

        cabinet.Run(35_000, step: 500);

        Assert.That(cabinet.Mqtt.IsConnected, Is.False);
        Assert.That(cabinet.Firmware.GetSleevePhase(3), Is.EqualTo(SleevePhase.Ready));
    }

    private static Cabinet NewCabinet(out MqttNetChannel[] channels, bool wrongSecret = false)
    {
        int index = Interlocked.Increment(ref _nextDevice) - 1;
        byte[] secret = wrongSecret ? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32) : MqttBrokerFixture.Secrets[index];
        MqttNetChannel[] created = new MqttNetChannel[1];
        channels = created;
        return new Cabinet(
            deviceId: MqttBrokerFixture.DeviceIds[index],
            secret: secret,
            mqtt: () => created[0] = new MqttNetChannel(MqttBrokerFixture.Broker.Host, MqttBrokerFixture.Broker.Port, TimeSpan.FromSeconds(5)));
    }

    private static string GrantsTopic(Cabinet cabinet) => $"sealcabinet/v1/devices/{cabinet.DeviceId}/grants";

    private static string StatusTopic(Cabinet cabinet) => $"sealcabinet/v1/devices/{cabinet.DeviceId}/status";

    /// <summary>The cloud side: publishes grants, watches status topics.</summary>
    private sealed class CloudClient : IDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        private readonly ConcurrentDictionary<string, string> _status = new();

        public CloudClient()
        {
            _client.ApplicationMessageReceivedAsync += e =>
            {
                _status[e.ApplicationMessage.Topic] = System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
                return Task.CompletedTask;
            };
            _client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer(MqttBrokerFixture.Broker.Host, MqttBrokerFixture.Broker.Port)
                .WithClientId("cloud-" + Guid.NewGuid().ToString("N"))
                .WithCredentials(MqttBrokerFixture.CloudUser, MqttBrokerFixture.CloudPassword)
                .Build()).GetAwaiter().GetResult();
            _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("sealcabinet/v1/devices/+/status", MqttQualityOfServiceLevel.AtLeastOnce).Build()).GetAwaiter().GetResult();
        }

        public void Publish(string topic, byte[] payload) =>
            _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).GetAwaiter().GetResult();

        public string? RetainedStatus(string topic) => WaitForStatus(topic, "online") ? "online" : _status.GetValueOrDefault(topic);

        public bool WaitForStatus(string topic, string value)
        {
            DateTime until = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < until)
            {
                if (_status.TryGetValue(topic, out string? seen) && seen == value)
                {
                    return true;
                }

                Thread.Sleep(20);
            }

            return false;
        }

        public void Dispose() => _client.Dispose();
    }
}
