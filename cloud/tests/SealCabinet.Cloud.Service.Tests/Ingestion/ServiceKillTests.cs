using System.Security.Cryptography;
using Grpc.Core;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Firmware.Core.GrpcWeb;
using SealCabinet.Firmware.Host.Network;
using Core = SealCabinet.Firmware.Core.Messages;
using DeviceGatewayClient = SealCabinet.Contracts.V1.DeviceGateway.DeviceGatewayClient;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests.Ingestion;

/// <summary>
/// The service as a real process, killed in the middle of an event stream and started again: acknowledged
/// events were durably stored, and resending (over gRPC-Web on HTTP/1.1, with the firmware core's client and
/// framing) completes the chain with nothing lost and nothing doubled.
/// </summary>
[TestFixture]
public sealed class ServiceKillTests
{
    private const int Events = 3000;
    private CloudServiceHost _host = null!;
    private Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await CloudServiceHost.StartAsync("kill");
        _village = await Village.CreateAsync(_host, "town-kill", "kill");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Killing_the_service_mid_stream_loses_no_acked_event_and_a_resend_after_restart_stores_the_chain_exactly_once()
    {
        var chain = new DeviceChain(await IngestionState.RegisterCabinetAsync(_host, _village.VillageId));
        var records = chain.NextMany(Events);
        var batches = records.Chunk(20).ToList();

        ulong acked;
        await using (var first = await ServiceProcess.StartAsync(_host.Settings, "first"))
        {
            acked = await StreamUntilKilledAsync(first, chain, batches, killAfterAcks: 10);
        }

        var afterKill = await IngestionState.EventsAsync(_host, chain.DeviceId);
        Assert.That(acked, Is.GreaterThanOrEqualTo(200ul));
        Assert.That(afterKill.Count, Is.GreaterThanOrEqualTo((int)acked), "every acknowledged event is stored");
        Assert.That(afterKill.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, afterKill.Count).Select(i => (long)i)), "whole batches only");

        await using var second = await ServiceProcess.StartAsync(_host.Settings, "second");
        using var transport = new HttpClientTransport(TimeSpan.FromSeconds(30));
        var client = new GrpcWebClient(transport, second.GrpcWebAddress);
        var resendFrom = (int)acked - 100;
        ulong last = 0;
        foreach (var batch in records.Skip(resendFrom).Chunk(50))
        {
            var result = client.Call("sealcabinet.v1.DeviceGateway", "PushEvents", chain.EncodedPushRequest(batch, RandomNumberGenerator.GetBytes(16)));
            Assert.That(result.IsOk, Is.True, result.GrpcMessage);
            var ack = Core.PushEventsResponse.Parse(result.Message).Ack!;
            Assert.That(ack.Rejection, Is.EqualTo(Core.RejectionReason.Unspecified));
            last = ack.AckedSeq;
        }

        Assert.That(last, Is.EqualTo((ulong)Events));
        var stored = await IngestionState.EventsAsync(_host, chain.DeviceId);
        Assert.That(stored.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, Events).Select(i => (long)i)));
        Assert.That(stored.Select(e => e.EventBytes), Is.EqualTo(records.Select(r => r.EventBytes)));
        var previous = new byte[32];
        foreach (var e in stored)
        {
            var decoded = DeviceEvent.Parser.ParseFrom(e.EventBytes);
            Assert.That(decoded.PrevHash.ToByteArray(), Is.EqualTo(previous), $"prev_hash of seq {e.Seq}");
            Assert.That(e.EventHash, Is.EqualTo(SHA256.HashData(e.EventBytes)));
            previous = e.EventHash;
        }

        var head = await IngestionState.CabinetAsync(_host, chain.DeviceId);
        Assert.That((head.LastSeq, head.LastEventHash), Is.EqualTo(((long)Events, records[^1].EventHash)));
    }

    [Test]
    public async Task A_gRPC_Web_body_that_is_not_a_message_gets_an_error_status_in_the_trailer_and_stores_nothing()
    {
        var chain = new DeviceChain(await IngestionState.RegisterCabinetAsync(_host, _village.VillageId));
        await using var service = await ServiceProcess.StartAsync(_host.Settings, "garbage");
        using var transport = new HttpClientTransport(TimeSpan.FromSeconds(30));
        var client = new GrpcWebClient(transport, service.GrpcWebAddress);

        var garbage = client.Call("sealcabinet.v1.DeviceGateway", "PushEvents", [0x0A, 0xFF, 0xFF, 0xFF, 0x7F, 0x01, 0x02]);
        var good = client.Call("sealcabinet.v1.DeviceGateway", "PushEvents", chain.EncodedPushRequest(chain.NextMany(2), RandomNumberGenerator.GetBytes(16)));

        Assert.That(garbage.Outcome, Is.EqualTo(GrpcCallOutcome.GrpcError));
        Assert.That(garbage.GrpcStatus, Is.Not.EqualTo(0));
        Assert.That(good.IsOk, Is.True, "the next call on the same connection is served");
        Assert.That(Core.PushEventsResponse.Parse(good.Message).Ack!.AckedSeq, Is.EqualTo(2ul));
        Assert.That(await IngestionState.EventsAsync(_host, chain.DeviceId), Has.Count.EqualTo(2));
        TestContext.Out.WriteLine($"garbage body: grpc-status {garbage.GrpcStatus} {garbage.GrpcMessage}");
    }

    /// <summary>Streams batches and kills the process once <paramref name="killAfterAcks"/> acks arrived; returns the highest acked seq.</summary>
    private static async Task<ulong> StreamUntilKilledAsync(ServiceProcess service, DeviceChain chain, List<Firmware.Core.Events.SignedEventRecord[]> batches, int killAfterAcks)
    {
        using var channel = service.Channel();
        using var call = new DeviceGatewayClient(channel).StreamEvents();
        var sender = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in batches)
                {
                    await call.RequestStream.WriteAsync(new StreamEventsRequest { Batch = chain.Batch(batch) });
                }
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
            {
                // The service died under the sender: what matters is what it acknowledged.
            }
        });
        ulong acked = 0;
        var received = 0;
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                acked = Math.Max(acked, call.ResponseStream.Current.Ack.AckedSeq);
                if (++received == killAfterAcks)
                {
                    service.Kill();
                }
            }
        }
        catch (RpcException)
        {
            // Expected: the connection is gone.
        }

        await sender;
        Assert.That(received, Is.GreaterThanOrEqualTo(killAfterAcks), "the service was killed while the stream was running");
        Assert.That(acked, Is.LessThan((ulong)batches.Sum(b => b.Length)), "the kill happened before the whole chain was acknowledged");
        return acked;
    }
}
