using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Tests.Support;

/// <summary>A camera module that returns a generated JPEG-sized blob per shot (or nothing, when broken).</summary>
internal sealed class FakeCamera : ICameraCapture
{
    private int _shots;

    public bool Broken { get; set; }

    public int PhotoBytes { get; set; } = 20_000;

    public List<byte[]> Photos { get; } = [];

    public byte[]? Capture(EvidenceKind kind)
    {
        if (Broken)
        {
            return null;
        }

        byte[] photo = new byte[PhotoBytes];
        new Random(++_shots).NextBytes(photo);
        photo[0] = 0xFF;
        photo[1] = 0xD8;
        Photos.Add(photo);
        return photo;
    }
}
