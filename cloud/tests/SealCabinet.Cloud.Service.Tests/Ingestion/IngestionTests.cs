using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Events;
using Core = SealCabinet.Firmware.Core.Messages;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests.Ingestion;

/// <summary>PushEvents and StreamEvents with events signed by the firmware core: storage, acks, idempotency and every refusal.</summary>
[TestFixture]
public sealed class IngestionTests
{
    private CloudServiceHost _host = null!;
    private Village _village = null!;
    private CloudClients _device = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await CloudServiceHost.StartAsync("ingestion");
        _device = _host.Anonymous();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task NewVillageAsync() => _village = await Village.CreateUniqueAsync(_host, "ingest");

    private async Task<DeviceChain> NewChainAsync() => new(await IngestionState.RegisterCabinetAsync(_host, _village.VillageId));

    [Test]
    public async Task PushEvents_stores_the_firmware_signed_bytes_and_acks_the_last_seq_with_a_server_time_maced_for_the_nonce()
    {
        var chain = await NewChainAsync();
        var records = chain.NextMany(5);
        var batch = chain.Batch(records);

        var ack = await IngestionState.PushAsync(_device, batch);

        Assert.That(ack.AckedSeq, Is.EqualTo(5ul));
        Assert.That(ack.ChainEpoch, Is.EqualTo(1u));
        Assert.That(ack.Rejection, Is.EqualTo(RejectionReason.Unspecified));
        var timeKey = TestCrypto.Key(chain.Secret, "time");
        Assert.That(ack.ServerTime.Mac.ToByteArray(), Is.EqualTo(TestCrypto.Mac(timeKey, ack.ServerTime.Time.ToByteArray())));
        var time = ServerTime.Parser.ParseFrom(ack.ServerTime.Time);
        Assert.That(time.DeviceId, Is.EqualTo(chain.DeviceId));
        Assert.That(time.Nonce, Is.EqualTo(batch.Nonce));
        Assert.That(time.ServerTimeMs, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds()));

        var stored = await IngestionState.EventsAsync(_host, chain.DeviceId);
        Assert.That(stored.Select(e => e.Seq), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
        Assert.That(stored.Select(e => e.EventBytes), Is.EqualTo(records.Select(r => r.EventBytes)));
        Assert.That(stored.Select(e => e.Mac), Is.EqualTo(records.Select(r => r.Mac)));
        Assert.That(stored.Select(e => e.EventHash), Is.EqualTo(records.Select(r => SHA256.HashData(r.EventBytes))));
        Assert.That(stored.All(e => e.EventType == (int)EventType.Heartbeat && e.ChainEpoch == 1 && e.DeviceTime is not null), Is.True);
        var cabinet = await IngestionState.CabinetAsync(_host, chain.DeviceId);
        Assert.That(cabinet.LastSeq, Is.EqualTo(5));
        Assert.That(cabinet.LastEventHash, Is.EqualTo(records[^1].EventHash));
        Assert.That(cabinet.LastEventAt, Is.Not.Null);
        Assert.That(cabinet.Status, Is.EqualTo(Persistence.CabinetStatus.Active));
    }

    [Test]
    public async Task The_firmware_trusted_clock_accepts_the_ack_server_time()
    {
        var chain = await NewChainAsync();
        var nonce = RandomNumberGenerator.GetBytes(16);
        var batch = chain.Batch(chain.NextMany(1));
        batch.Nonce = ByteString.CopyFrom(nonce);

        var ack = await IngestionState.PushAsync(_device, batch);
        var keys = DeviceKeys.Derive(chain.Secret, new ManagedMacProvider());
        var clock = new SealCabinet.Firmware.Core.Time.TrustedClock(chain.DeviceId, keys.TimeKey, new ManagedMacProvider(), new SealCabinet.Firmware.Host.Clock.ManualClock());
        var signed = new Core.SignedServerTime { Time = ack.ServerTime.Time.ToByteArray(), Mac = ack.ServerTime.Mac.ToByteArray() };

        Assert.That(clock.Apply(signed, nonce), Is.EqualTo(SealCabinet.Firmware.Core.Time.TimeUpdateResult.Accepted));
    }

    [Test]
    public async Task StreamEvents_stores_several_batches_on_one_stream_and_answers_each_in_order()
    {
        var chain = await NewChainAsync();
        using var call = _device.Gateway.StreamEvents();
        var acks = new List<PushAck>();
        for (var i = 0; i < 4; i++)
        {
            await call.RequestStream.WriteAsync(new StreamEventsRequest { Batch = chain.Batch(chain.NextMany(10)) });
            Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
            acks.Add(call.ResponseStream.Current.Ack);
        }

        await call.RequestStream.CompleteAsync();

        Assert.That(acks.Select(a => a.AckedSeq), Is.EqualTo(new ulong[] { 10, 20, 30, 40 }));
        Assert.That(await IngestionState.EventsAsync(_host, chain.DeviceId), Has.Count.EqualTo(40));
    }

    [Test]
    public async Task A_resent_batch_is_acknowledged_again_and_stored_once()
    {
        var chain = await NewChainAsync();
        var records = chain.NextMany(8);

        var first = await IngestionState.PushAsync(_device, chain.Batch(records));
        var again = await IngestionState.PushAsync(_device, chain.Batch(records));
        var overlapping = await IngestionState.PushAsync(_device, chain.Batch([.. records.Skip(4), .. chain.NextMany(2)]));

        Assert.That(first.AckedSeq, Is.EqualTo(8ul));
        Assert.That(again.AckedSeq, Is.EqualTo(8ul));
        Assert.That(again.Rejection, Is.EqualTo(RejectionReason.Unspecified));
        Assert.That(overlapping.AckedSeq, Is.EqualTo(10ul));
        Assert.That(overlapping.Rejection, Is.EqualTo(RejectionReason.Unspecified));
        Assert.That((await IngestionState.EventsAsync(_host, chain.DeviceId)).Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, 10).Select(i => (long)i)));
        Assert.That(await IngestionState.SecurityEventsAsync(_host, chain.DeviceId), Is.Empty);
    }

    [Test]
    public async Task Reordered_batches_store_nothing_out_of_order_and_everything_once_the_gap_is_filled()
    {
        var chain = await NewChainAsync();
        var early = chain.NextMany(5);
        var late = chain.NextMany(5);

        var gap = await IngestionState.PushAsync(_device, chain.Batch(late));
        var afterGap = await IngestionState.EventsAsync(_host, chain.DeviceId);
        var filled = await IngestionState.PushAsync(_device, chain.Batch(early));
        var resumed = await IngestionState.PushAsync(_device, chain.Batch(late));

        Assert.That(gap.Rejection, Is.EqualTo(RejectionReason.SequenceGap));
        Assert.That(gap.RejectedSeq, Is.EqualTo(6ul));
        Assert.That(gap.AckedSeq, Is.EqualTo(0ul));
        Assert.That(afterGap, Is.Empty);
        Assert.That(filled.AckedSeq, Is.EqualTo(5ul));
        Assert.That(resumed.AckedSeq, Is.EqualTo(10ul));
        Assert.That((await IngestionState.EventsAsync(_host, chain.DeviceId)).Select(e => e.EventBytes), Is.EqualTo(chain.Records.Select(r => r.EventBytes)));
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(e => e.Kind), Is.EqualTo(new[] { "sequence-gap" }));
    }

    [Test]
    public async Task A_tampered_byte_in_the_middle_keeps_the_prefix_rejects_that_event_with_bad_mac_and_is_recorded()
    {
        var chain = await NewChainAsync();
        var records = chain.NextMany(6);
        var batch = DeviceChain.Batch(chain.DeviceId, records.Select((r, i) => i == 3 ? DeviceChain.Tampered(r) : DeviceChain.Signed(r)));

        var ack = await IngestionState.PushAsync(_device, batch);
        var repaired = await IngestionState.PushAsync(_device, chain.Batch(records.Skip(3)));

        Assert.That(ack.AckedSeq, Is.EqualTo(3ul));
        Assert.That(ack.Rejection, Is.EqualTo(RejectionReason.BadMac));
        Assert.That(ack.RejectedSeq, Is.EqualTo(4ul));
        var security = await IngestionState.SecurityEventsAsync(_host, chain.DeviceId);
        Assert.That(security.Select(s => (s.Kind, s.Seq)), Is.EqualTo(new[] { ("bad-mac", (long?)4) }));
        Assert.That(repaired.AckedSeq, Is.EqualTo(6ul), "the genuine events after the tampered one are still accepted");
        Assert.That((await IngestionState.EventsAsync(_host, chain.DeviceId)).Select(e => e.EventBytes), Is.EqualTo(records.Select(r => r.EventBytes)));
    }

    [Test]
    public async Task Events_signed_with_another_key_are_unauthenticated_store_nothing_and_are_recorded()
    {
        var chain = await NewChainAsync();
        var impostor = new DeviceChain(new RegisteredCabinet(chain.DeviceId, RandomNumberGenerator.GetBytes(32)));

        var error = await IngestionState.FailureAsync(() => IngestionState.PushAsync(_device, impostor.Batch(impostor.NextMany(3))));

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(await IngestionState.EventsAsync(_host, chain.DeviceId), Is.Empty);
        Assert.That((await IngestionState.CabinetAsync(_host, chain.DeviceId)).LastSeq, Is.Zero);
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(s => s.Kind), Is.EqualTo(new[] { "bad-mac" }));
    }

    [Test]
    public async Task A_replayed_old_batch_is_acknowledged_with_the_current_head_and_changes_nothing()
    {
        var chain = await NewChainAsync();
        var old = chain.NextMany(3);
        await IngestionState.PushAsync(_device, chain.Batch(old));
        await IngestionState.PushAsync(_device, chain.Batch(chain.NextMany(3)));
        var before = await IngestionState.EventsAsync(_host, chain.DeviceId);

        var replay = await IngestionState.PushAsync(_device, chain.Batch(old));

        Assert.That(replay.AckedSeq, Is.EqualTo(6ul));
        Assert.That(replay.Rejection, Is.EqualTo(RejectionReason.Unspecified));
        var after = await IngestionState.EventsAsync(_host, chain.DeviceId);
        Assert.That(after.Select(e => (e.Seq, e.EventHash, e.ReceivedAt)), Is.EqualTo(before.Select(e => (e.Seq, e.EventHash, e.ReceivedAt))));
    }

    [Test]
    public async Task The_same_seq_with_different_bytes_is_rejected_as_conflicting_and_the_stored_event_stays()
    {
        var chain = await NewChainAsync();
        var genuine = chain.NextMany(4);
        await IngestionState.PushAsync(_device, chain.Batch(genuine));
        var keys = DeviceKeys.Derive(chain.Secret, new ManagedMacProvider());
        var forked = new EventSigner(chain.DeviceId, keys.EventKey, new ManagedMacProvider(), 1, 2, genuine[1].EventHash);
        var conflicting = forked.SignNext(new Core.DeviceEvent { Type = Core.EventType.Heartbeat, UptimeMs = 99, Detail = "other bytes" });

        var ack = await IngestionState.PushAsync(_device, chain.Batch([conflicting]));

        Assert.That(ack.Rejection, Is.EqualTo(RejectionReason.ConflictingEvent));
        Assert.That(ack.RejectedSeq, Is.EqualTo(3ul));
        Assert.That(ack.AckedSeq, Is.EqualTo(4ul));
        Assert.That((await IngestionState.EventsAsync(_host, chain.DeviceId)).Select(e => e.EventBytes), Is.EqualTo(genuine.Select(r => r.EventBytes)));
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(s => (s.Kind, s.Seq)), Is.EqualTo(new[] { ("conflicting-event", (long?)3) }));
    }

    [Test]
    public async Task An_event_whose_prev_hash_does_not_match_breaks_the_chain_and_is_recorded()
    {
        var chain = await NewChainAsync();
        await IngestionState.PushAsync(_device, chain.Batch(chain.NextMany(2)));
        var keys = DeviceKeys.Derive(chain.Secret, new ManagedMacProvider());
        var broken = new EventSigner(chain.DeviceId, keys.EventKey, new ManagedMacProvider(), 1, 2, RandomNumberGenerator.GetBytes(32));

        var ack = await IngestionState.PushAsync(_device, chain.Batch([broken.SignNext(new Core.DeviceEvent { Type = Core.EventType.Heartbeat })]));

        Assert.That(ack.Rejection, Is.EqualTo(RejectionReason.ChainBroken));
        Assert.That(ack.RejectedSeq, Is.EqualTo(3ul));
        Assert.That(ack.AckedSeq, Is.EqualTo(2ul));
        Assert.That(await IngestionState.EventsAsync(_host, chain.DeviceId), Has.Count.EqualTo(2));
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(s => s.Kind), Is.EqualTo(new[] { "chain-broken" }));
    }

    [Test]
    public async Task A_batch_from_an_unknown_device_is_unauthenticated_and_recorded_without_a_cabinet()
    {
        var stranger = new DeviceChain(new RegisteredCabinet("cab-00000000deadbeef", RandomNumberGenerator.GetBytes(32)));

        var error = await IngestionState.FailureAsync(() => IngestionState.PushAsync(_device, stranger.Batch(stranger.NextMany(2))));

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(await IngestionState.EventsAsync(_host, stranger.DeviceId), Is.Empty);
        Assert.That((await IngestionState.SecurityEventsAsync(_host, stranger.DeviceId)).Select(s => s.Kind), Is.EqualTo(new[] { "unknown-device" }));
    }

    [Test]
    public async Task An_oversize_batch_is_refused_naming_the_field_and_stores_nothing()
    {
        var chain = await NewChainAsync();

        var error = await IngestionState.FailureAsync(() => IngestionState.PushAsync(_device, chain.Batch(chain.NextMany(257))));

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("batch.events:"));
        Assert.That(await IngestionState.EventsAsync(_host, chain.DeviceId), Is.Empty);
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(s => s.Kind), Is.EqualTo(new[] { "oversize-batch" }));
    }

    [Test]
    public async Task Signed_garbage_bytes_are_rejected_as_malformed_after_the_good_prefix()
    {
        var chain = await NewChainAsync();
        var good = chain.NextMany(2);
        var garbage = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x12 };
        var eventKey = TestCrypto.Key(chain.Secret, "event");
        var signedGarbage = new SignedEvent { Event = ByteString.CopyFrom(garbage), Mac = ByteString.CopyFrom(TestCrypto.Mac(eventKey, garbage)) };

        var ack = await IngestionState.PushAsync(_device, DeviceChain.Batch(chain.DeviceId, [.. good.Select(DeviceChain.Signed), signedGarbage]));

        Assert.That(ack.Rejection, Is.EqualTo(RejectionReason.Malformed));
        Assert.That(ack.AckedSeq, Is.EqualTo(2ul));
        Assert.That(await IngestionState.EventsAsync(_host, chain.DeviceId), Has.Count.EqualTo(2));
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(s => s.Kind), Is.EqualTo(new[] { "malformed" }));
    }

    [Test]
    public async Task A_batch_without_a_nonce_is_refused_naming_the_field()
    {
        var chain = await NewChainAsync();
        var batch = chain.Batch(chain.NextMany(1));
        batch.Nonce = ByteString.Empty;

        var error = await IngestionState.FailureAsync(() => IngestionState.PushAsync(_device, batch));

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("batch.nonce:"));
        Assert.That(await IngestionState.EventsAsync(_host, chain.DeviceId), Is.Empty);
    }

    [Test]
    public async Task An_event_of_another_device_in_the_batch_is_rejected_as_wrong_device()
    {
        var chain = await NewChainAsync();
        var other = await NewChainAsync();
        var batch = DeviceChain.Batch(chain.DeviceId, [.. chain.NextMany(1).Select(DeviceChain.Signed), .. other.NextMany(1).Select(DeviceChain.Signed)]);

        var ack = await IngestionState.PushAsync(_device, batch);

        Assert.That(ack.AckedSeq, Is.EqualTo(1ul));
        Assert.That(ack.Rejection, Is.AnyOf(RejectionReason.WrongDevice, RejectionReason.BadMac));
        Assert.That(await IngestionState.EventsAsync(_host, other.DeviceId), Is.Empty);
    }

    [Test]
    public async Task A_decommissioned_cabinet_is_refused_and_recorded_and_on_a_stream_the_next_cabinet_is_still_served()
    {
        var retired = await NewChainAsync();
        var active = await NewChainAsync();
        await IngestionState.PushAsync(_device, retired.Batch(retired.NextMany(2)));
        await _village.Administrator.Devices.DecommissionCabinetAsync(new DecommissionCabinetRequest { DeviceId = retired.DeviceId, Reason = "replaced" });
        var late = retired.NextMany(2);

        var error = await IngestionState.FailureAsync(() => IngestionState.PushAsync(_device, retired.Batch(late)));
        using var call = _device.Gateway.StreamEvents();
        await call.RequestStream.WriteAsync(new StreamEventsRequest { Batch = retired.Batch(late) });
        await call.RequestStream.WriteAsync(new StreamEventsRequest { Batch = active.Batch(active.NextMany(3)) });
        await call.RequestStream.CompleteAsync();
        var acks = new List<PushAck>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            acks.Add(call.ResponseStream.Current.Ack);
        }

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(acks.Select(a => a.Rejection), Is.EqualTo(new[] { RejectionReason.Decommissioned, RejectionReason.Unspecified }));
        Assert.That(acks[0].ServerTime, Is.Null);
        Assert.That(acks[1].AckedSeq, Is.EqualTo(3ul));
        Assert.That(await IngestionState.EventsAsync(_host, retired.DeviceId), Has.Count.EqualTo(2));
        Assert.That((await IngestionState.SecurityEventsAsync(_host, retired.DeviceId)).Select(s => s.Kind), Is.EqualTo(new[] { "decommissioned-device", "decommissioned-device" }));
    }

    [Test]
    public async Task On_a_stream_an_unknown_device_gets_an_unauthenticated_ack_and_the_stream_goes_on()
    {
        var stranger = new DeviceChain(new RegisteredCabinet("cab-00000000feedface", RandomNumberGenerator.GetBytes(32)));
        var chain = await NewChainAsync();
        using var call = _device.Gateway.StreamEvents();

        await call.RequestStream.WriteAsync(new StreamEventsRequest { Batch = stranger.Batch(stranger.NextMany(1)) });
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        var refused = call.ResponseStream.Current.Ack;
        await call.RequestStream.WriteAsync(new StreamEventsRequest { Batch = chain.Batch(chain.NextMany(2)) });
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        var stored = call.ResponseStream.Current.Ack;
        await call.RequestStream.CompleteAsync();

        Assert.That(refused.Rejection, Is.EqualTo(RejectionReason.Unauthenticated));
        Assert.That(refused.AckedSeq, Is.Zero);
        Assert.That(stored.AckedSeq, Is.EqualTo(2ul));
    }

    [Test]
    public async Task A_chain_restart_needs_an_audited_authorisation_and_then_starts_epoch_two_at_seq_one()
    {
        var chain = await NewChainAsync();
        await IngestionState.PushAsync(_device, chain.Batch(chain.NextMany(3)));
        var cabinet = new RegisteredCabinet(chain.DeviceId, chain.Secret);
        var wiped = new DeviceChain(cabinet, epoch: 2);
        var restart = wiped.Next(Core.EventType.ChainRestart, e => e.Detail = "journal wiped by technician");
        var more = wiped.NextMany(2);

        var refused = await IngestionState.PushAsync(_device, wiped.Batch([restart, .. more]));
        var technician = _host.As($"technician-{_village.VillageId}", $"technician@village:{_village.VillageId}");
        var authorised = await technician.Devices.AuthorizeChainRestartAsync(new AuthorizeChainRestartRequest { DeviceId = chain.DeviceId, Reason = "factory reset after flash fault" });
        var accepted = await IngestionState.PushAsync(_device, wiped.Batch([restart, .. more]));

        Assert.That(refused.Rejection, Is.EqualTo(RejectionReason.ChainBroken));
        Assert.That(refused.ChainEpoch, Is.EqualTo(1u));
        Assert.That(refused.AckedSeq, Is.EqualTo(3ul));
        Assert.That(authorised.NextChainEpoch, Is.EqualTo(2u));
        Assert.That(accepted.ChainEpoch, Is.EqualTo(2u));
        Assert.That(accepted.AckedSeq, Is.EqualTo(3ul));
        Assert.That(accepted.Rejection, Is.EqualTo(RejectionReason.Unspecified));
        var stored = await IngestionState.EventsAsync(_host, chain.DeviceId);
        Assert.That(stored.Select(e => (e.ChainEpoch, e.Seq)), Is.EqualTo(new[] { (1, 1L), (1, 2L), (1, 3L), (2, 1L), (2, 2L), (2, 3L) }));
        var head = await IngestionState.CabinetAsync(_host, chain.DeviceId);
        Assert.That((head.ChainEpoch, head.LastSeq, head.AuthorizedChainEpoch), Is.EqualTo((2, 3L, (int?)null)));
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(s => s.Kind),
            Is.EqualTo(new[] { "unauthorized-chain-restart", "chain-restart-authorized", "chain-restarted" }));
    }
}
