using SealCabinet.Firmware.Core.Evidence;
using SealCabinet.Firmware.Core.Tests.Support;

namespace SealCabinet.Firmware.Core.Tests.Evidence;

/// <summary>The structural JPEG check the self-test applies to the camera's test frame.</summary>
[TestFixture]
public sealed class JpegFrameTests
{
    private static readonly byte[] App0 = [0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
    private static readonly byte[] Scan = [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0x56];
    private static readonly byte[] End = [0xFF, 0xD9];

    [Test]
    public void A_frame_header_behind_other_segments_gives_the_dimensions()
    {
        byte[] jpeg = Join([0xFF, 0xD8], App0, Sof(0xC2, 240, 320), Scan, End);

        Assert.That(JpegFrame.TryReadSize(jpeg, out int width, out int height), Is.True);
        Assert.That((width, height), Is.EqualTo((320, 240)));
    }

    [Test]
    public void Zero_padding_after_the_end_of_image_is_accepted()
    {
        Assert.That(JpegFrame.TryReadSize(Join(Valid(), new byte[32]), out _, out _), Is.True);
    }

    [TestCase("no start of image")]
    [TestCase("no end of image")]
    [TestCase("scan before the frame header")]
    [TestCase("segment longer than the data")]
    [TestCase("16-bit samples")]
    [TestCase("frame of 1 x 1")]
    [TestCase("frame wider than 4096")]
    [TestCase("component count disagrees with the length")]
    [TestCase("empty")]
    public void A_frame_that_is_not_a_plausible_jpeg_is_refused(string damage)
    {
        byte[] jpeg = damage switch
        {
            "no start of image" => Valid()[2..],
            "no end of image" => Valid()[..^2],
            "scan before the frame header" => Join([0xFF, 0xD8], App0, Scan, Sof(0xC0, 480, 640), End),
            "segment longer than the data" => Join([0xFF, 0xD8], [0xFF, 0xE0, 0x40, 0x00, 0x00], End),
            "16-bit samples" => Patched(Valid(), FakeCamera.Header.Length - 15, 16),
            "frame of 1 x 1" => Join([0xFF, 0xD8], Sof(0xC0, 1, 1), Scan, End),
            "frame wider than 4096" => Join([0xFF, 0xD8], Sof(0xC0, 480, 5000), Scan, End),
            "component count disagrees with the length" => Patched(Valid(), FakeCamera.Header.Length - 10, 2),
            _ => [],
        };

        Assert.That(JpegFrame.TryReadSize(jpeg, out int width, out int height), Is.False);
        Assert.That((width, height), Is.EqualTo((0, 0)));
    }

    /// <summary>What the test camera returns: SOI, SOF0 640×480, scan data, EOI.</summary>
    private static byte[] Valid() => Join(FakeCamera.Header, Scan, End);

    private static byte[] Sof(byte marker, int height, int width) =>
        [0xFF, marker, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];

    private static byte[] Patched(byte[] data, int offset, byte value)
    {
        data[offset] = value;
        return data;
    }

    private static byte[] Join(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
