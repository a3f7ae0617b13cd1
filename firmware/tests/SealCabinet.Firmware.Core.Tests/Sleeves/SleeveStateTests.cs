using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Sleeves;

namespace SealCabinet.Firmware.Core.Tests.Sleeves;

/// <summary>The saved sleeve state (slot file `sleeves`) read back after a reboot.</summary>
[TestFixture]
public sealed class SleeveStateTests
{
    [Test]
    public void An_unknown_phase_is_refused_with_its_raw_number_because_it_has_no_name()
    {
        // The message is built from the raw varint, never from an enum (nanoFramework prints enums as numbers anyway).
        ProtoWriter writer = new(16);
        writer.WriteVarint(9);

        ProtoDecodeException refused = Assert.Throws<ProtoDecodeException>(() => SleeveState.ReadFrom(new ProtoReader(writer.ToArray())))!;

        Assert.That(refused.Message, Is.EqualTo("unknown sleeve phase 9"));
    }
}
