using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Tests.Support;

/// <summary>
/// A camera module that returns a JPEG-shaped blob per shot (start of image, a 640×480 frame header, random
/// scan data, end of image), or nothing when broken, or bytes that are no JPEG at all.
/// </summary>
internal sealed class FakeCamera : ICameraCapture
{
    private int _shots;

    public bool Broken { get; set; }

    public bool NotJpeg { get; set; }

    public int PhotoBytes { get; set; } = 20_000;

    public List<byte[]> Photos { get; } = [];

    public List<EvidenceKind> Kinds { get; } = [];

    /// <summary>SOI, then SOF0: length 17, 8-bit samples, 480 rows, 640 columns, 3 components.</summary>
    public static byte[] Header { get; } =
    [
        0xFF, 0xD8,
        0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
    ];

    public byte[]? Capture(EvidenceKind kind)
    {
        Kinds.Add(kind);
        if (Broken)
        {
            return null;
        }

        byte[] photo = new byte[PhotoBytes];
        new Random(++_shots).NextBytes(photo);
        if (!NotJpeg)
        {
            Header.CopyTo(photo, 0);
            photo[^2] = 0xFF;
            photo[^1] = 0xD9;
        }

        Photos.Add(photo);
        return photo;
    }
}
