using SkiaSharp;

namespace SealCabinet.Evidence.Imaging.Rendering;

/// <summary>JPEG encoding shared by the renderers.</summary>
public static class Jpeg
{
    /// <summary>Encodes <paramref name="bitmap"/> as JPEG with the given quality (1–100).</summary>
    public static byte[] Encode(SKBitmap bitmap, int quality = 90)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
