using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Tests.Support;

namespace SealCabinet.Firmware.Core.Tests.Codec;

/// <summary>The firmware codec (messages generated from protos/ by MessageGen) against the classes Google.Protobuf generates, byte for byte.</summary>
[TestFixture]
public sealed class CodecConformanceTests
{
    private static IEnumerable<TestCaseData> Messages() =>
        ProtoConformance.DeviceMessages.Select(d => new TestCaseData(d).SetArgDisplayNames(d.Name));

    [TestCaseSource(nameof(Messages))]
    public void Encoding_a_random_message_gives_the_bytes_google_protobuf_gives(MessageDescriptor descriptor)
    {
        Random random = new(descriptor.Name.GetHashCode(StringComparison.Ordinal));
        for (int i = 0; i < 300; i++)
        {
            IMessage google = ProtoConformance.RandomGoogle(descriptor, random);
            IProtoMessage core = ProtoConformance.ToCore(google);

            Assert.That(ProtoConformance.EncodeCore(core), Is.EqualTo(google.ToByteArray()), $"{descriptor.Name} #{i}: {Convert.ToHexString(google.ToByteArray())}");
            Assert.That(core.CalculateSize(), Is.EqualTo(google.CalculateSize()), $"{descriptor.Name} #{i} size");
        }
    }

    [TestCaseSource(nameof(Messages))]
    public void Decoding_google_protobuf_bytes_gives_every_field_and_re_encodes_identically(MessageDescriptor descriptor)
    {
        Random random = new(descriptor.Name.Length * 7919);
        for (int i = 0; i < 300; i++)
        {
            byte[] bytes = ProtoConformance.RandomGoogle(descriptor, random).ToByteArray();
            IMessage reparsed = ProtoConformance.ParseGoogle(descriptor, bytes);

            IProtoMessage core = ProtoConformance.ParseCore(descriptor, bytes);

            ProtoConformance.AssertEquivalent(reparsed, core, descriptor.Name);
            Assert.That(ProtoConformance.EncodeCore(core), Is.EqualTo(bytes), $"{descriptor.Name} #{i}");
        }
    }

    [TestCaseSource(nameof(Messages))]
    public void Edge_values_in_every_field_round_trip_in_both_directions(MessageDescriptor descriptor)
    {
        Random random = new(42);
        for (int i = 0; i < 50; i++)
        {
            IMessage google = ProtoConformance.RandomGoogle(descriptor, random, edges: true);
            byte[] expected = google.ToByteArray();

            byte[] encoded = ProtoConformance.EncodeCore(ProtoConformance.ToCore(google));
            IProtoMessage decoded = ProtoConformance.ParseCore(descriptor, expected);

            Assert.That(encoded, Is.EqualTo(expected), $"{descriptor.Name} encode #{i}");
            ProtoConformance.AssertEquivalent(ProtoConformance.ParseGoogle(descriptor, expected), decoded, descriptor.Name);
        }
    }

    [TestCaseSource(nameof(Messages))]
    public void An_empty_message_encodes_to_no_bytes_and_decodes_from_none(MessageDescriptor descriptor)
    {
        IProtoMessage core = ProtoConformance.ParseCore(descriptor, []);

        Assert.That(ProtoConformance.EncodeCore(core), Is.Empty);
        ProtoConformance.AssertEquivalent(ProtoConformance.NewGoogle(descriptor), core, descriptor.Name);
    }

    [TestCaseSource(nameof(Messages))]
    public void Unknown_fields_of_every_wire_type_are_skipped(MessageDescriptor descriptor)
    {
        IMessage google = ProtoConformance.RandomGoogle(descriptor, new Random(7));
        byte[] known = google.ToByteArray();
        // Field 900 as varint, fixed64, length-delimited and fixed32, between and after the known fields.
        byte[] unknown = [0xA0, 0x38, 0x96, 0x01, 0xA1, 0x38, 1, 2, 3, 4, 5, 6, 7, 8, 0xA2, 0x38, 3, 9, 9, 9, 0xA5, 0x38, 1, 2, 3, 4];
        byte[] bytes = [.. unknown, .. known, .. unknown];

        IProtoMessage core = ProtoConformance.ParseCore(descriptor, bytes);

        Assert.That(ProtoConformance.EncodeCore(core), Is.EqualTo(known));
    }

    [TestCaseSource(nameof(Messages))]
    public void A_field_repeated_on_the_wire_merges_like_google_protobuf(MessageDescriptor descriptor)
    {
        Random random = new(99);
        for (int i = 0; i < 50; i++)
        {
            byte[] bytes = [.. ProtoConformance.RandomGoogle(descriptor, random).ToByteArray(), .. ProtoConformance.RandomGoogle(descriptor, random).ToByteArray()];

            IProtoMessage core = ProtoConformance.ParseCore(descriptor, bytes);

            Assert.That(ProtoConformance.EncodeCore(core), Is.EqualTo(ProtoConformance.ParseGoogle(descriptor, bytes).ToByteArray()), $"{descriptor.Name} #{i}");
        }
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public FsCheck.Property Any_random_message_round_trips_byte_for_byte(PositiveInt seed, NonNegativeInt which)
    {
        MessageDescriptor descriptor = ProtoConformance.DeviceMessages[which.Get % ProtoConformance.DeviceMessages.Length];
        IMessage google = ProtoConformance.RandomGoogle(descriptor, new Random(seed.Get));
        byte[] bytes = google.ToByteArray();

        byte[] viaCore = ProtoConformance.EncodeCore(ProtoConformance.ParseCore(descriptor, bytes));
        byte[] fromCore = ProtoConformance.EncodeCore(ProtoConformance.ToCore(google));

        return Prop.Label(viaCore.SequenceEqual(bytes) && fromCore.SequenceEqual(bytes), descriptor.Name + " " + Convert.ToHexString(bytes));
    }
}
