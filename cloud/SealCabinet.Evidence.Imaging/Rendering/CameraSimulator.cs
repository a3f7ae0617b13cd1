using SkiaSharp;

namespace SealCabinet.Evidence.Imaging.Rendering;

/// <summary>
/// Turns a page into what the cabinet's camera would deliver: the page slightly rotated, shifted and zoomed (the
/// camera frames the document area, so a few percent of the margins fall outside the frame), with a brightness
/// change, sensor noise and JPEG compression. Deterministic for a given seed.
/// </summary>
public static class CameraSimulator
{
    /// <summary>Photographs <paramref name="page"/> and returns JPEG bytes of the same pixel size.</summary>
    /// <param name="page">The page as it lies in the cabinet.</param>
    /// <param name="seed">Varies pose, lighting and noise.</param>
    /// <param name="maxRotationDegrees">Largest rotation either way.</param>
    /// <param name="noiseSigma">Standard deviation of per-pixel Gaussian noise, in 0–255 levels.</param>
    public static byte[] Capture(SKBitmap page, int seed, float maxRotationDegrees = 2f, double noiseSigma = 6)
    {
        ArgumentNullException.ThrowIfNull(page);
        var random = new Random(seed);
        using var photo = new SKBitmap(new SKImageInfo(page.Width, page.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(photo))
        {
            canvas.Clear(new SKColor(150, 150, 145));
            var brightness = 0.85f + ((float)random.NextDouble() * 0.25f);
            using var paint = new SKPaint
            {
                IsAntialias = true,
                ColorFilter = SKColorFilter.CreateColorMatrix(
                [
                    brightness, 0, 0, 0, 0,
                    0, brightness, 0, 0, 0,
                    0, 0, brightness * 0.97f, 0, 0,
                    0, 0, 0, 1, 0,
                ]),
            };
            var scale = 1.04f + ((float)random.NextDouble() * 0.03f);
            canvas.Translate(page.Width / 2f + Jitter(random, page.Width * 0.01f), page.Height / 2f + Jitter(random, page.Height * 0.01f));
            canvas.RotateDegrees(Jitter(random, maxRotationDegrees));
            canvas.Scale(scale);
            canvas.Translate(-page.Width / 2f, -page.Height / 2f);
            using var image = SKImage.FromBitmap(page);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
        }

        AddNoise(photo, random, noiseSigma);
        return Jpeg.Encode(photo, 80);
    }

    private static float Jitter(Random random, float amplitude) => ((float)random.NextDouble() * 2 * amplitude) - amplitude;

    private static void AddNoise(SKBitmap bitmap, Random random, double sigma)
    {
        var pixels = bitmap.GetPixelSpan();
        var buffer = pixels.ToArray();
        for (var i = 0; i < buffer.Length; i += 4)
        {
            for (var c = 0; c < 3; c++)
            {
                var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                buffer[i + c] = (byte)Math.Clamp(buffer[i + c] + (gaussian * sigma), 0, 255);
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(buffer, 0, bitmap.GetPixels(), buffer.Length);
    }
}
