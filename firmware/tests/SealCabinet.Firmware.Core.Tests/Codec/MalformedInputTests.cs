using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Tests.Support;

namespace SealCabinet.Firmware.Core.Tests.Codec;

/// <summary>Malformed input always gives <see cref="ProtoDecodeException"/>, never a runtime exception or a hang.</summary>
[TestFixture]
public sealed class MalformedInputTests
{
    private static IEnumerable<TestCaseData> Messages() =>
        ProtoConformance.DeviceMessages.Select(d => new TestCaseData(d).SetArgDisplayNames(d.Name));

    [Test]
    public void A_truncated_varint_is_refused_naming_its_offset()
    {
        Assert.That(() => DeviceEvent.Parse([0x08, 0x96]), Throws.TypeOf<ProtoDecodeException>().With.Message.Contains("truncated varint at offset 1"));
    }

    [Test]
    public void A_varint_longer_than_ten_bytes_is_refused()
    {
        byte[] bytes = [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];

        Assert.That(() => DeviceEvent.Parse(bytes), Throws.TypeOf<ProtoDecodeException>().With.Message.Contains("varint longer than 10 bytes"));
    }

    [Test]
    public void A_length_past_the_end_is_refused()
    {
        Assert.That(() => DeviceEvent.Parse([0x12, 0x05, 1, 2]), Throws.TypeOf<ProtoDecodeException>().With.Message.Contains("runs past the end (2 bytes left)"));
    }

    [Test]
    public void A_huge_length_is_refused_without_allocating_it()
    {
        byte[] bytes = [0x12, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F];

        Assert.That(() => DeviceEvent.Parse(bytes), Throws.TypeOf<ProtoDecodeException>());
    }

    [Test]
    public void A_known_field_with_the_wrong_wire_type_is_refused_naming_the_field()
    {
        // seq (field 1) sent as length-delimited.
        Assert.That(() => DeviceEvent.Parse([0x0A, 0x01, 0x00]), Throws.TypeOf<ProtoDecodeException>().With.Message.StartsWith("DeviceEvent.seq: wire type 2 where 0 was expected"));
    }

    [TestCase(new byte[] { 0x9B, 0x06 }, "group", TestName = "A_start_group_is_refused")]
    [TestCase(new byte[] { 0x9C, 0x06 }, "group", TestName = "An_end_group_is_refused")]
    [TestCase(new byte[] { 0x0E }, "invalid wire type 6", TestName = "Wire_type_6_is_refused")]
    [TestCase(new byte[] { 0x0F }, "invalid wire type 7", TestName = "Wire_type_7_is_refused")]
    [TestCase(new byte[] { 0x00 }, "field number 0", TestName = "Field_number_zero_is_refused")]
    [TestCase(new byte[] { 0x9D, 0x06, 0x01, 0x02 }, "truncated fixed32", TestName = "A_truncated_fixed32_is_refused")]
    [TestCase(new byte[] { 0x99, 0x06, 0x01 }, "truncated fixed64", TestName = "A_truncated_fixed64_is_refused")]
    [TestCase(new byte[] { 0x3A, 0x02, 0xC3, 0x28 }, "malformed UTF-8", TestName = "Malformed_utf8_in_a_string_is_refused")]
    [TestCase(new byte[] { 0x3A, 0x03, 0xED, 0xA0, 0x80 }, "malformed UTF-8", TestName = "An_encoded_surrogate_in_a_string_is_refused")]
    [TestCase(new byte[] { 0x3A, 0x02, 0xC0, 0x80 }, "malformed UTF-8", TestName = "An_overlong_utf8_sequence_is_refused")]
    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, "does not fit 32 bits", TestName = "A_tag_beyond_32_bits_is_refused")]
    public void Malformed_bytes_are_refused_with_a_clear_message(byte[] bytes, string expected)
    {
        Assert.That(() => DeviceEvent.Parse(bytes), Throws.TypeOf<ProtoDecodeException>().With.Message.Contains(expected));
    }

    [Test]
    public void A_message_larger_than_the_limit_is_refused_before_decoding()
    {
        byte[] bytes = new byte[ProtoReader.DefaultMaxMessageBytes + 1];

        Assert.That(() => EventBatch.Parse(bytes), Throws.TypeOf<ProtoDecodeException>().With.Message.Contains("exceeds the limit"));
    }

    [Test]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        // PushEventsResponse.ack -> PushAck.server_time -> SignedServerTime: three levels, limit two.
        byte[] bytes = new Contracts.V1.PushEventsResponse
        {
            Ack = new Contracts.V1.PushAck { ServerTime = new Contracts.V1.SignedServerTime { Time = ByteString.CopyFrom(1) } },
        }.ToByteArray();
        ProtoReader reader = new(bytes, 0, bytes.Length, 1000, maxDepth: 1);

        Assert.That(() => new PushEventsResponse().MergeFrom(reader), Throws.TypeOf<ProtoDecodeException>().With.Message.Contains("nested deeper than 1 levels"));
    }

    [Test]
    public void A_nested_message_whose_length_overruns_its_parent_is_refused()
    {
        // PushEventsResponse { ack (len 4) { acked_seq (len claims 9) } }
        byte[] bytes = [0x0A, 0x04, 0x12, 0x09, 0x01, 0x02];

        Assert.That(() => PushEventsResponse.Parse(bytes), Throws.TypeOf<ProtoDecodeException>());
    }

    [Test]
    public void Null_input_is_refused_not_dereferenced()
    {
        Assert.That(() => SignedGrant.Parse(null), Throws.TypeOf<ProtoDecodeException>());
    }

    [TestCaseSource(nameof(Messages))]
    public void Every_truncation_of_a_valid_message_is_refused_or_decodes_a_prefix(MessageDescriptor descriptor)
    {
        byte[] bytes = ProtoConformance.RandomGoogle(descriptor, new Random(5), edges: true).ToByteArray();
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            byte[] prefix = bytes[..cut];
            bool googleAccepts = TryGoogle(descriptor, prefix, out IMessage? google);

            try
            {
                IProtoMessage core = ProtoConformance.ParseCore(descriptor, prefix);
                Assert.That(googleAccepts, Is.True, $"cut {cut}: core accepted what Google.Protobuf refuses");
                Assert.That(ProtoConformance.EncodeCore(core), Is.EqualTo(google!.ToByteArray()), $"cut {cut}");
            }
            catch (ProtoDecodeException)
            {
                // Refused with the codec's own exception: fine whatever Google.Protobuf thinks.
            }
        }
    }

    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public FsCheck.Property Random_garbage_never_escapes_as_another_exception_and_agrees_with_google_protobuf(byte[] garbage, NonNegativeInt which)
    {
        MessageDescriptor descriptor = ProtoConformance.DeviceMessages[which.Get % ProtoConformance.DeviceMessages.Length];
        bool googleAccepts = TryGoogle(descriptor, garbage, out IMessage? google);
        IProtoMessage? core;
        try
        {
            core = ProtoConformance.ParseCore(descriptor, garbage);
        }
        catch (ProtoDecodeException)
        {
            core = null;
        }

        // Whatever Google.Protobuf refuses, the core refuses too; what both accept decodes identically.
        bool agrees = core == null || (googleAccepts && ProtoConformance.EncodeCore(core).SequenceEqual(google!.ToByteArray()));
        return Prop.Label(agrees, descriptor.Name + " " + Convert.ToHexString(garbage));
    }

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public FsCheck.Property Mutated_valid_messages_never_escape_as_another_exception(PositiveInt seed, NonNegativeInt which, byte flip, NonNegativeInt position)
    {
        MessageDescriptor descriptor = ProtoConformance.DeviceMessages[which.Get % ProtoConformance.DeviceMessages.Length];
        byte[] bytes = ProtoConformance.RandomGoogle(descriptor, new Random(seed.Get)).ToByteArray();
        if (bytes.Length > 0)
        {
            bytes[position.Get % bytes.Length] ^= flip;
        }

        bool googleAccepts = TryGoogle(descriptor, bytes, out IMessage? google);
        try
        {
            IProtoMessage core = ProtoConformance.ParseCore(descriptor, bytes);
            return Prop.Label(googleAccepts && ProtoConformance.EncodeCore(core).SequenceEqual(google!.ToByteArray()), descriptor.Name + " " + Convert.ToHexString(bytes));
        }
        catch (ProtoDecodeException)
        {
            return Prop.Label(true, "refused");
        }
    }

    private static bool TryGoogle(MessageDescriptor descriptor, byte[] bytes, out IMessage? message)
    {
        try
        {
            message = ProtoConformance.ParseGoogleDiscardingUnknown(descriptor, bytes);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            message = null;
            return false;
        }
    }
}
