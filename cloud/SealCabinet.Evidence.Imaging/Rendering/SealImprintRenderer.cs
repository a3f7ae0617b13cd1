using SkiaSharp;

namespace SealCabinet.Evidence.Imaging.Rendering;

/// <summary>
/// Draws an official round seal imprint (red ring, five-pointed star, organisation name along the ring) onto a page,
/// as it looks after the cabinet stamped it. Multiply blending lets the text under the imprint show through like ink.
/// </summary>
public static class SealImprintRenderer
{
    /// <summary>Organisation names used when none is given.</summary>
    public static IReadOnlyList<string> DefaultNames { get; } =
        ["中共东山村支部委员会", "东山村村民委员会", "东山村经济合作社", "西岭村村民委员会"];

    /// <summary>Returns a copy of <paramref name="page"/> with an imprint; <paramref name="seed"/> varies position, angle and inking.</summary>
    public static SKBitmap Stamp(SKBitmap page, int seed, string? organisation = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var random = new Random(seed);
        var name = organisation ?? DefaultNames[random.Next(DefaultNames.Count)];
        var result = page.Copy(SKColorType.Rgba8888) ?? throw new InvalidOperationException("page bitmap could not be copied");
        using var canvas = new SKCanvas(result);
        var radius = page.Width * (0.12f + ((float)random.NextDouble() * 0.03f));
        var cx = page.Width * (0.62f + ((float)random.NextDouble() * 0.15f));
        var cy = page.Height * (0.72f + ((float)random.NextDouble() * 0.12f));
        var ink = new SKColor(215, (byte)random.Next(20, 50), (byte)random.Next(30, 60), (byte)random.Next(190, 240));
        canvas.Translate(cx, cy);
        canvas.RotateDegrees((float)((random.NextDouble() * 30) - 15));

        using var ring = new SKPaint { Color = ink, Style = SKPaintStyle.Stroke, StrokeWidth = radius * 0.06f, IsAntialias = true, BlendMode = SKBlendMode.Multiply };
        canvas.DrawCircle(0, 0, radius, ring);

        using var fill = new SKPaint { Color = ink, Style = SKPaintStyle.Fill, IsAntialias = true, BlendMode = SKBlendMode.Multiply };
        using var star = Star(radius * 0.3f);
        canvas.DrawPath(star, fill);

        using var font = TextPainter.Font(radius * 0.22f);
        var textRadius = radius * 0.74f;
        using var arcBuilder = new SKPathBuilder();
        arcBuilder.ArcTo(new SKRect(-textRadius, -textRadius, textRadius, textRadius), 150, 240, true);
        using var arc = arcBuilder.Detach();
        if (Fonts.Text is not null)
        {
            canvas.DrawTextOnPath(name, arc, 0, 0, SKTextAlign.Left, font, fill);
        }
        return result;
    }

    private static SKPath Star(float outer)
    {
        using var path = new SKPathBuilder();
        var inner = outer * 0.382f;
        for (var i = 0; i < 10; i++)
        {
            var r = i % 2 == 0 ? outer : inner;
            var angle = (Math.PI / 5 * i) - (Math.PI / 2);
            var point = new SKPoint((float)(r * Math.Cos(angle)), (float)(r * Math.Sin(angle)));
            if (i == 0)
            {
                path.MoveTo(point);
            }
            else
            {
                path.LineTo(point);
            }
        }

        path.Close();
        return path.Detach();
    }
}
