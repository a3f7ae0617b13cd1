using System.Text;
using SealCabinet.Firmware.Core.GrpcWeb;

namespace SealCabinet.Firmware.Core.Tests.GrpcWeb;

/// <summary>gRPC-Web body framing: request frame, data and trailer frames, and every malformed body.</summary>
[TestFixture]
public sealed class GrpcWebFramingTests
{
    [Test]
    public void A_request_is_one_uncompressed_frame_with_a_big_endian_length()
    {
        byte[] message = new byte[300];

        byte[] body = GrpcWebFraming.EncodeRequest(message);

        Assert.That(body[..5], Is.EqualTo(new byte[] { 0x00, 0x00, 0x00, 0x01, 0x2C }));
        Assert.That(body, Has.Length.EqualTo(305));
    }

    [Test]
    public void A_data_frame_and_an_ok_trailer_give_the_message()
    {
        GrpcWebResult result = Parse([.. Data([1, 2, 3]), .. Trailer("grpc-status: 0\r\ngrpc-message: \r\n")]);

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.Ok));
        Assert.That(result.Message, Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void Header_names_in_the_trailer_are_case_insensitive()
    {
        Assert.That(Parse([.. Data([9]), .. Trailer("Grpc-Status:0\r\n")]).Outcome, Is.EqualTo(GrpcCallOutcome.Ok));
    }

    [Test]
    public void A_non_zero_status_gives_the_code_and_the_percent_decoded_message()
    {
        GrpcWebResult result = Parse(Trailer("grpc-status: 14\r\ngrpc-message: busy%20%E6%9D%91 now\r\n"));

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.GrpcError));
        Assert.That(result.GrpcStatus, Is.EqualTo(14));
        Assert.That(result.GrpcMessage, Is.EqualTo("busy 村 now"));
    }

    [Test]
    public void A_body_without_a_trailer_frame_is_an_error()
    {
        GrpcWebResult result = Parse(Data([1]));

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.MissingTrailer));
    }

    [Test]
    public void An_empty_body_with_a_status_header_is_a_trailers_only_error()
    {
        GrpcWebResult result = GrpcWebFraming.ParseUnaryResponse([], "5", "not%20found");

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.GrpcError));
        Assert.That(result.GrpcStatus, Is.EqualTo(5));
        Assert.That(result.GrpcMessage, Is.EqualTo("not found"));
    }

    [TestCase(new byte[] { 0x00, 0x00, 0x00 }, "truncated frame header", TestName = "A_truncated_frame_header_is_malformed")]
    [TestCase(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x09, 1, 2 }, "declares 9 bytes", TestName = "A_frame_longer_than_the_body_is_malformed")]
    [TestCase(new byte[] { 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 1 }, "declares 4294967295 bytes", TestName = "A_frame_length_near_4_GiB_is_malformed")]
    [TestCase(new byte[] { 0x01, 0x00, 0x00, 0x00, 0x01, 1 }, "compressed", TestName = "A_compressed_frame_is_malformed")]
    public void Malformed_bodies(byte[] body, string expected)
    {
        GrpcWebResult result = Parse(body);

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.MalformedResponse));
        Assert.That(result.GrpcMessage, Does.Contain(expected));
    }

    [Test]
    public void Two_data_frames_in_a_unary_response_are_malformed()
    {
        Assert.That(Parse([.. Data([1]), .. Data([2]), .. Trailer("grpc-status: 0\r\n")]).Outcome, Is.EqualTo(GrpcCallOutcome.MalformedResponse));
    }

    [Test]
    public void Data_after_the_trailer_is_malformed()
    {
        Assert.That(Parse([.. Data([1]), .. Trailer("grpc-status: 0\r\n"), 0x00]).Outcome, Is.EqualTo(GrpcCallOutcome.MalformedResponse));
    }

    [TestCase("grpc-message: x\r\n", "no grpc-status", TestName = "A_trailer_without_grpc_status_is_malformed")]
    [TestCase("grpc-status: OK\r\n", "is not a status code", TestName = "A_non_numeric_grpc_status_is_malformed")]
    public void Bad_trailers(string trailer, string expected)
    {
        GrpcWebResult result = Parse([.. Data([1]), .. Trailer(trailer)]);

        Assert.That(result.Outcome, Is.EqualTo(GrpcCallOutcome.MalformedResponse));
        Assert.That(result.GrpcMessage, Does.Contain(expected));
    }

    [Test]
    public void Status_ok_without_a_message_is_malformed_for_a_unary_call()
    {
        Assert.That(Parse(Trailer("grpc-status: 0\r\n")).Outcome, Is.EqualTo(GrpcCallOutcome.MalformedResponse));
    }

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public bool Random_bodies_never_throw(byte[] body) => Enum.IsDefined(Parse(body).Outcome);

    private static GrpcWebResult Parse(byte[] body) => GrpcWebFraming.ParseUnaryResponse(body, null, null);

    private static byte[] Data(byte[] message) => Frame(0x00, message);

    private static byte[] Trailer(string text) => Frame(0x80, Encoding.UTF8.GetBytes(text));

    private static byte[] Frame(byte flag, byte[] payload) =>
        [flag, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
}
