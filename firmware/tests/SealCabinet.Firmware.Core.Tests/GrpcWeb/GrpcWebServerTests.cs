using System.Security.Cryptography;
using Google.Protobuf;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Events;
using SealCabinet.Firmware.Core.GrpcWeb;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Tests.Support;
using SealCabinet.Firmware.Core.Uplink;
using SealCabinet.Firmware.Host.Network;
using Contract = SealCabinet.Contracts.V1;

namespace SealCabinet.Firmware.Core.Tests.GrpcWeb;

/// <summary>
/// The firmware's gRPC-Web client against the real ASP.NET Core gRPC-Web stack (Grpc.AspNetCore.Web on a
/// Kestrel HTTP/1.1 endpoint), through the host HTTP transport built on HttpClient.
/// </summary>
[TestFixture]
public sealed class GrpcWebServerTests
{
    private HttpClientTransport _http = null!;
    private CloudDevice _cloud = null!;
    private DeviceKeys _keys = null!;

    [SetUp]
    public void SetUp()
    {
        _http = new HttpClientTransport(TimeSpan.FromSeconds(10));
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        _cloud = new CloudDevice("cab-grpcweb-" + Guid.NewGuid().ToString("N")[..8], secret);
        TestGatewayService.Devices[_cloud.DeviceId] = _cloud;
        _keys = DeviceKeys.Derive(secret, new ManagedMacProvider());
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        TestGatewayService.Devices.TryRemove(_cloud.DeviceId, out _);
    }

    [Test]
    public void Push_events_is_answered_with_an_ack_and_a_server_time_for_our_nonce()
    {
        EventSigner signer = EventSigner.ForNewChain(_cloud.DeviceId, _cloud.Secret, 1);
        System.Collections.ArrayList payloads = [];
        for (int i = 0; i < 5; i++)
        {
            payloads.Add(signer.SignNext(new DeviceEvent { Type = EventType.Heartbeat, Detail = "心跳 " + i }).SignedEventBytes);
        }

        byte[] nonce = RandomNumberGenerator.GetBytes(16);

        GrpcWebResult result = Client().Call(UplinkService.ServiceName, "PushEvents", PushEventsEncoder.Encode(_cloud.DeviceId, payloads, nonce));

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.Ok), result.GrpcMessage);
        PushEventsResponse response = PushEventsResponse.Parse(result.Message);
        Assert.That(response.Ack!.AckedSeq, Is.EqualTo(5UL));
        Assert.That(response.Ack.Rejection, Is.EqualTo(RejectionReason.Unspecified));
        ServerTime time = ServerTime.Parse(response.Ack.ServerTime!.Time);
        Assert.That(time.Nonce, Is.EqualTo(nonce));
        Assert.That(_cloud.StoredEvents().Select(e => e.Detail), Is.EqualTo(Enumerable.Range(0, 5).Select(i => "心跳 " + i)));
    }

    [Test]
    public void Fetch_grants_returns_the_signed_grants_newer_than_the_counter_given()
    {
        _cloud.IssueGrant(1, Contract.SealKind.Party, 1, 0, long.MaxValue);
        Contract.SignedGrant second = _cloud.IssueGrant(2, Contract.SealKind.Committee, 1, 0, long.MaxValue);
        GrantQuery query = new() { DeviceId = _cloud.DeviceId, AfterCounter = 1, Nonce = RandomNumberGenerator.GetBytes(16) };

        GrpcWebResult result = Client().Call(UplinkService.ServiceName, "FetchGrants", MessageSigner.SignGrantQuery(query, _keys.EventKey, new ManagedMacProvider()).ToByteArray());

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.Ok), result.GrpcMessage);
        FetchGrantsResponse response = FetchGrantsResponse.Parse(result.Message);
        Assert.That(response.Grants, Has.Length.EqualTo(1));
        Assert.That(response.Grants[0].ToByteArray(), Is.EqualTo(second.ToByteArray()));
    }

    [Test]
    public void Put_evidence_chunk_returns_the_receipt_of_the_object()
    {
        EvidenceChunk chunk = new() { DeviceId = _cloud.DeviceId, EvidenceId = "e1-1", Offset = 0, TotalSize = 10, Data = new byte[6], ContentType = "image/jpeg" };
        PutEvidenceChunkRequest request = new() { Chunk = MessageSigner.SignEvidenceChunk(chunk, _keys.EventKey, new ManagedMacProvider()) };

        GrpcWebResult result = Client().Call(UplinkService.ServiceName, "PutEvidenceChunk", request.ToByteArray());

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.Ok), result.GrpcMessage);
        EvidenceReceipt receipt = PutEvidenceChunkResponse.Parse(result.Message).Receipt!;
        Assert.That(receipt.ReceivedBytes, Is.EqualTo(6u));
        Assert.That(receipt.Complete, Is.False);
    }

    [Test]
    public void A_server_error_is_reported_with_its_status_code_and_message()
    {
        _cloud.FailNextCalls = 1;
        _cloud.FailStatus = Grpc.Core.StatusCode.Unavailable;
        EventSigner signer = EventSigner.ForNewChain(_cloud.DeviceId, _cloud.Secret, 1);
        System.Collections.ArrayList payloads = [signer.SignNext(new DeviceEvent { Type = EventType.Boot }).SignedEventBytes];

        GrpcWebResult result = Client().Call(UplinkService.ServiceName, "PushEvents", PushEventsEncoder.Encode(_cloud.DeviceId, payloads, new byte[16]));

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.GrpcError));
        Assert.That(result.GrpcStatus, Is.EqualTo(GrpcStatusCode.Unavailable));
        Assert.That(result.GrpcMessage, Is.EqualTo("injected failure, retry later"));
    }

    [Test]
    public void A_non_ascii_error_message_arrives_percent_decoded()
    {
        GrpcWebResult result = Client().Call(UplinkService.ServiceName, "PushEvents", new PushEventsRequest { Batch = new EventBatch { DeviceId = "nobody" } }.ToByteArray());

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.GrpcError));
        Assert.That(result.GrpcStatus, Is.EqualTo(5));
        Assert.That(result.GrpcMessage, Is.EqualTo("unknown device 设备 nobody"));
    }

    [Test]
    public void A_method_the_server_does_not_have_is_reported_as_unimplemented()
    {
        GrpcWebResult result = Client().Call(UplinkService.ServiceName, "NoSuchMethod", []);

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.GrpcError));
        Assert.That(result.GrpcStatus, Is.EqualTo(GrpcStatusCode.Unimplemented));
    }

    [Test]
    public void An_unreachable_gateway_is_a_transport_failure()
    {
        GrpcWebResult result = new GrpcWebClient(_http, "http://127.0.0.1:9").Call(UplinkService.ServiceName, "PushEvents", []);

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.TransportFailed));
        Assert.That(result.GrpcMessage, Is.Not.Empty);
    }

    [Test]
    public void The_request_bytes_are_what_google_protobuf_writes_for_the_same_batch()
    {
        EventSigner signer = EventSigner.ForNewChain(_cloud.DeviceId, _cloud.Secret, 1);
        byte[][] events = Enumerable.Range(0, 3).Select(_ => signer.SignNext(new DeviceEvent { Type = EventType.Press, Sleeve = 1 }).SignedEventBytes).ToArray();
        byte[] nonce = RandomNumberGenerator.GetBytes(16);
        Contract.PushEventsRequest expected = new() { Batch = new Contract.EventBatch { DeviceId = _cloud.DeviceId, Nonce = ByteString.CopyFrom(nonce) } };
        expected.Batch.Events.AddRange(events.Select(e => Contract.SignedEvent.Parser.ParseFrom(e)));

        byte[] actual = PushEventsEncoder.Encode(_cloud.DeviceId, [.. events], nonce);

        Assert.That(actual, Is.EqualTo(expected.ToByteArray()));
    }

    private GrpcWebClient Client() => new(_http, GatewayServer.BaseUrl + "/");
}
