using System.Security.Cryptography;
using Google.Protobuf;
using MQTTnet;
using MQTTnet.Protocol;
using SealCabinet.Contracts.V1;
using SealCabinet.HardwareSim.Cabinet;
using SealCabinet.HardwareSim.Tests.Gateway;
using CoreEventType = SealCabinet.Firmware.Core.Messages.EventType;
using SleevePhase = SealCabinet.Firmware.Core.Sleeves.SleevePhase;

namespace SealCabinet.HardwareSim.Tests.Cabinet;

/// <summary>A cabinet in real time against the in-test gRPC-Web gateway and a real Mosquitto broker.</summary>
public sealed class CabinetAgainstGatewayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_grant_over_mqtt_then_the_custodian_s_PIN_and_stamp_button_unlock_and_the_whole_stamping_reaches_the_gateway_in_order_and_hash_chained()
    {
        var (cabinet, device) = TestCabinet.Create("e2e", virtualTime: false);
        using (cabinet)
        {
            cabinet.PowerOn();
            await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { MqttConnected: true, HasTrustedTime: true, RosterVersion: 1 }, Patience, "MQTT session, trusted time and the roster");

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
                EventType.GrantAccepted, EventType.CustodianAuthenticated, EventType.SleeveUnlocked, EventType.SealLifted, EventType.Press, EventType.SealReturned, EventType.SleeveRelocked,
            }));
            Assert.That(cabinet.GrantToReadyLatenciesMs, Has.Count.EqualTo(1));
            await TestContext.Out.WriteLineAsync($"grant received → sleeve READY: {cabinet.GrantToReadyLatenciesMs[0]} ms");
        }
    }

    [Test]
    public async Task A_custodian_holding_their_card_to_the_reader_stamps_and_the_gateway_learns_how_they_authenticated()
    {
        var (cabinet, device) = TestCabinet.Create("card-stamp", virtualTime: false);
        using (cabinet)
        {
            cabinet.PowerOn();
            await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { MqttConnected: true, HasTrustedTime: true, RosterVersion: 1 }, Patience, "MQTT session, trusted time and the roster");

            await PublishGrantAsync(device.DeviceId, device.IssueGrant(3, SealKind.Cooperative, 2, TimeSpan.FromMinutes(5), keepLive: false));
            var relocked = await Custodian.StampAsync(cabinet, 3, 2, CustodianCredential.WithCard(GatewayDevice.Card), Patience);

            Assert.That(relocked.Event.PressCount, Is.EqualTo(2));
            await cabinet.WaitUntilAsync(() => device.Events.Any(e => e.Event.Type == EventType.SleeveRelocked), Patience, "the relock at the gateway");
            var authenticated = device.Events.Single(e => e.Event.Type == EventType.CustodianAuthenticated).Event;
            Assert.That((authenticated.PersonId, authenticated.Detail, authenticated.Sleeve), Is.EqualTo((GatewayDevice.Custodian, "card", 3u)));
        }
    }

    [Test]
    public async Task A_custodian_who_does_not_authenticate_is_refused_at_the_stamp_button_and_told_why()
    {
        var (cabinet, device) = TestCabinet.Create("no-auth", virtualTime: false);
        using (cabinet)
        {
            cabinet.PowerOn();
            await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { MqttConnected: true, HasTrustedTime: true, RosterVersion: 1 }, Patience, "MQTT session, trusted time and the roster");
            await PublishGrantAsync(device.DeviceId, device.IssueGrant(2, SealKind.Committee, 1, TimeSpan.FromMinutes(5), keepLive: false));

            var refused = Assert.ThrowsAsync<InvalidOperationException>(() => Custodian.StampAsync(cabinet, 2, 1, Patience));

            Assert.That(refused!.Message, Does.EndWith("stamp button 2 refused: nobody authenticated at the cabinet"));
            Assert.That(cabinet.Board.Sleeve(2).LatchEngaged, Is.True, "the latch still engaged");
            await cabinet.WaitUntilAsync(() => device.Events.Any(e => e.Event.Type == EventType.StampButtonRefused), Patience, "the refusal at the gateway");
        }
    }

    [Test]
    public async Task A_wrong_PIN_stops_the_custodian_before_the_stamp_button_with_the_cabinet_s_reason()
    {
        var (cabinet, device) = TestCabinet.Create("wrong-pin", virtualTime: false);
        using (cabinet)
        {
            cabinet.PowerOn();
            await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { MqttConnected: true, HasTrustedTime: true, RosterVersion: 1 }, Patience, "MQTT session, trusted time and the roster");
            await PublishGrantAsync(device.DeviceId, device.IssueGrant(1, SealKind.Party, 1, TimeSpan.FromMinutes(5), keepLive: false));

            var refused = Assert.ThrowsAsync<InvalidOperationException>(() => Custodian.StampAsync(cabinet, 1, 1, CustodianCredential.WithPin("1357"), Patience));

            Assert.That(refused!.Message, Does.EndWith("the cabinet did not authenticate the custodian: wrong PIN, attempt 1 of 5"));
            Assert.That(cabinet.Events.Any(e => e.Type == CoreEventType.StampButtonRefused), Is.False, "the button was not pushed");
            Assert.That(cabinet.Firmware!.GetSleevePhase(1), Is.EqualTo(SleevePhase.Ready));
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
        var verdict = await cabinet.EnterPinAsync(GatewayDevice.Pin, Patience);
        Assert.That(verdict?.Type, Is.EqualTo(CoreEventType.CustodianAuthenticated), verdict?.Event.Detail);
        Assert.That(cabinet.Board.Sleeve(sleeve).LatchEngaged, Is.True, "the PIN alone opens nothing");
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

    internal static async Task PublishGrantAsync(string deviceId, SignedGrant grant)
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
