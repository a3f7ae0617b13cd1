using SkiaSharp;

namespace SealCabinet.Evidence.Imaging.Rendering;

/// <summary>Renders a simple synthetic photo of the person stamping (head, hair, shoulders on an office background).</summary>
public static class PersonPhotoRenderer
{
    /// <summary>Renders the photo for <paramref name="seed"/> as JPEG bytes.</summary>
    public static byte[] RenderJpeg(int seed, int width = 480, int height = 360)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 64);
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var background = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(
                    new SKPoint(0, 0), new SKPoint(0, height),
                    [new SKColor((byte)random.Next(180, 230), (byte)random.Next(180, 230), (byte)random.Next(170, 220)), new SKColor(120, 115, 110)],
                    SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, background);
            var cx = (width / 2f) + (random.Next(-width / 8, width / 8));
            var headRadius = height * (0.14f + ((float)random.NextDouble() * 0.04f));
            var headY = height * 0.42f;
            using var clothes = new SKPaint { Color = new SKColor((byte)random.Next(20, 120), (byte)random.Next(20, 120), (byte)random.Next(40, 160)), IsAntialias = true };
            canvas.DrawOval(new SKRect(cx - (headRadius * 2.6f), headY + (headRadius * 1.1f), cx + (headRadius * 2.6f), height + (headRadius * 2)), clothes);
            using var skin = new SKPaint { Color = new SKColor((byte)random.Next(200, 240), (byte)random.Next(160, 200), (byte)random.Next(130, 170)), IsAntialias = true };
            canvas.DrawOval(new SKRect(cx - headRadius, headY - (headRadius * 1.2f), cx + headRadius, headY + (headRadius * 1.2f)), skin);
            using var hair = new SKPaint { Color = new SKColor(25, 20, 20), IsAntialias = true };
            canvas.DrawArc(new SKRect(cx - headRadius, headY - (headRadius * 1.3f), cx + headRadius, headY + (headRadius * 0.4f)), 180, 180, true, hair);
            using var eyes = new SKPaint { Color = new SKColor(30, 30, 30), IsAntialias = true };
            canvas.DrawCircle(cx - (headRadius * 0.38f), headY, headRadius * 0.08f, eyes);
            canvas.DrawCircle(cx + (headRadius * 0.38f), headY, headRadius * 0.08f, eyes);
        }

        return Jpeg.Encode(bitmap, 85);
    }
}
