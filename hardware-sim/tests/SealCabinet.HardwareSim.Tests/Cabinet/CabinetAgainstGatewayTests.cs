using System.Security.Cryptography;
using Google.Protobuf;
using MQTTnet;
using MQTTnet.Protocol;
using SealCabinet.Contracts.V1;
using SealCabinet.HardwareSim.Cabinet;
using CoreEventType = SealCabinet.Firmware.Core.Messages.EventType;
using SleevePhase = SealCabinet.Firmware.Core.Sleeves.SleevePhase;

namespace SealCabinet.HardwareSim.Tests.Cabinet;

/// <summary>A cabinet in real time against the in-test gRPC-Web gateway and a real Mosquitto broker.</summary>
public sealed class CabinetAgainstGatewayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_grant_over_mqtt_unlocks_and_the_whole_stamping_reaches_the_gateway_in_order_and_hash_chained()
    {
        var (cabinet, device) = TestCabinet.Create("e2e", virtualTime: false);
        using (cabinet)
        {
            cabinet.PowerOn();
            await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { MqttConnected: true, HasTrustedTime: true }, Patience, "MQTT session and trusted time");

            var grant = device.IssueGrant(2, SealKind.Committee, 1, TimeSpan.FromMinutes(5), keepLive: false);
            await PublishGrantAsync(device.DeviceId, grant);
            await StampOnceAsync(cabinet, 2);
            await cabinet.WaitUntilAsync(() => device.Events.Count >= (int)cabinet.Firmware!.LastSeq && device.VerifiedEvidence.Count == 3, Patience, "all events and three verified photos at the gateway");

            var stored = device.Events;
            Assert.That(stored.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, stored.Count).Select(i => (ulong)i)));
            for (var i = 1; i < stored.Count; i++)
            {
                Assert.That(stored[i].Event.PrevHash.ToByteArray(), Is.EqualTo(SHA256.HashData(stored[i - 1].EventBytes)), $"prev_hash of seq {stored[i].Seq}");
            }

            var grantId = UnlockGrant.Parser.ParseFrom(grant.Grant).GrantId;
            var stamping = stored.Select(e => e.Event).Where(e => e.GrantId == grantId && e.Type != EventType.EvidenceCaptured).Select(e => e.Type);
            Assert.That(stamping, Is.EqualTo(new[]
            {
                EventType.GrantAccepted, EventType.SleeveUnlocked, EventType.SealLifted, EventType.Press, EventType.SealReturned, EventType.SleeveRelocked,
            }));
            Assert.That(cabinet.GrantToReadyLatenciesMs, Has.Count.EqualTo(1));
            await TestContext.Out.WriteLineAsync($"grant received → sleeve READY: {cabinet.GrantToReadyLatenciesMs[0]} ms");
        }
    }

    [Test]
    public async Task A_grant_published_while_the_broker_is_unreachable_arrives_with_the_persistent_session()
    {
        var (cabinet, device) = TestCabinet.Create("offline-grant", virtualTime: false);
        using (cabinet)
        {
            cabinet.PowerOn();
            await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { MqttConnected: true, HasTrustedTime: true }, Patience, "MQTT session and trusted time");
            cabinet.SetBrokerReachable(false);
            await cabinet.WaitUntilAsync(() => !cabinet.Snapshot().MqttConnected, Patience, "MQTT connection dropped");

            await PublishGrantAsync(device.DeviceId, device.IssueGrant(1, SealKind.Party, 1, TimeSpan.FromMinutes(5), keepLive: false));
            Assert.That(cabinet.GrantMessagesReceived, Is.Zero);
            cabinet.SetBrokerReachable(true);

            await cabinet.WaitUntilAsync(() => cabinet.Firmware!.GetSleevePhase(1) == SleevePhase.Ready, Patience, "the queued grant making sleeve 1 READY");
            Assert.That(cabinet.GrantMessagesReceived, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Events_journaled_while_the_cloud_is_unreachable_are_delivered_later_in_order()
    {
        var (cabinet, device) = TestCabinet.Create("cloud-down", virtualTime: false);
        using (cabinet)
        {
            cabinet.PowerOn();
            await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { HasTrustedTime: true, AckedSeq: > 0 }, Patience, "first ack");
            cabinet.SetCloudReachable(false);
            cabinet.Force(3);
            await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.ForcedOpenAlarm, 0, Patience, "forced-open alarm journaled");
            cabinet.SetEnclosureOpen(true);
            await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.TamperAlarm, 0, Patience, "tamper alarm journaled");
            var before = device.Events.Count;
            Assert.That(device.Events.Any(e => e.Event.Type == EventType.ForcedOpenAlarm), Is.False);

            cabinet.SetCloudReachable(true);
            await cabinet.WaitUntilAsync(() => device.Events.Any(e => e.Event.Type == EventType.TamperAlarm), TimeSpan.FromSeconds(90), "the buffered alarms at the gateway");

            var types = device.Events.Skip(before).Select(e => e.Event.Type).ToList();
            Assert.That(types.IndexOf(EventType.ForcedOpenAlarm), Is.LessThan(types.IndexOf(EventType.TamperAlarm)));
            Assert.That(device.Events.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, device.Events.Count).Select(i => (ulong)i)));
        }
    }

    [Test]
    public async Task A_power_cut_after_the_cloud_stored_a_batch_but_before_the_ack_arrived_loses_and_duplicates_nothing()
    {
        var (cabinet, device) = TestCabinet.Create("upload-cut", virtualTime: false);
        using (cabinet)
        {
            cabinet.PowerOn();
            await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { HasTrustedTime: true, AckedSeq: > 0 }, Patience, "first ack");
            cabinet.ArmPowerCutDuringUpload();
            cabinet.SetEnclosureOpen(true);
            await cabinet.WaitUntilAsync(() => !cabinet.IsPowered, Patience, "the power cut during the upload");
            Assert.That(device.Events.Count(e => e.Event.Type == EventType.TamperAlarm), Is.EqualTo(1), "the cloud stored the alarm");

            cabinet.PowerOn();
            await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { AckedSeq: > 0 } s && s.AckedSeq == s.LastSeq && device.Events.Count == (int)s.LastSeq, Patience, "everything acked after the boot");

            Assert.That(device.Events.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, device.Events.Count).Select(i => (ulong)i)));
            Assert.That(device.Events.Count(e => e.Event.Type == EventType.Boot), Is.EqualTo(2));
            Assert.That(device.Events.Count(e => e.Event.Type == EventType.TamperAlarm && e.Event.BootCount == 1), Is.EqualTo(1));
        }
    }

    internal static async Task StampOnceAsync(SimulatedCabinet cabinet, int sleeve)
    {
        await cabinet.WaitUntilAsync(() => cabinet.Firmware!.GetSleevePhase(sleeve) == SleevePhase.Ready, Patience, $"sleeve {sleeve} READY");
        Assert.That(cabinet.Board.Sleeve(sleeve).LatchEngaged, Is.True, "a READY sleeve is still locked");
        cabinet.PushStampButton(sleeve);
        await cabinet.WaitUntilAsync(() => !cabinet.Board.Sleeve(sleeve).LatchEngaged, Patience, $"sleeve {sleeve} latch released");
        cabinet.Lift(sleeve);
        await cabinet.WaitUntilAsync(() => cabinet.Firmware!.GetSleevePhase(sleeve) == SleevePhase.Lifted, Patience, "the lift seen");
        cabinet.Press(sleeve);
        await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.Press, 0, Patience, "the press counted");
        await cabinet.WaitUntilAsync(() => cabinet.Firmware!.IsPressed(sleeve) == false, Patience, "the press released");
        cabinet.Return(sleeve);
        await cabinet.WaitForEventAsync(e => e.Type == CoreEventType.SleeveRelocked, 0, Patience, "the sleeve relocked");
    }

    private static async Task PublishGrantAsync(string deviceId, SignedGrant grant)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(TestServices.Broker.Host, TestServices.Broker.Port).WithClientId("test-cloud-" + Guid.NewGuid().ToString("N")[..8]).Build());
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"sealcabinet/v1/devices/{deviceId}/grants")
            .WithPayload(grant.ToByteArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        Assert.That(result.IsSuccess, Is.True, "grant published");
        await client.DisconnectAsync();
    }
}
