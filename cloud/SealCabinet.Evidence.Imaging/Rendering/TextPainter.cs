using SkiaSharp;

namespace SealCabinet.Evidence.Imaging.Rendering;

/// <summary>Draws text with the found typeface, or ink blocks of the same rhythm when the machine has no font.</summary>
internal static class TextPainter
{
    public static SKFont Font(float size, bool bold = false) =>
        Fonts.Text is { } typeface ? new SKFont(typeface, size) { Embolden = bold } : new SKFont(SKTypeface.Default, size) { Embolden = bold };

    public static float Measure(ReadOnlySpan<char> text, SKFont font) =>
        Fonts.Text is null ? text.Length * font.Size * 0.9f : font.MeasureText(text);

    public static void Draw(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKFont font, SKPaint paint)
    {
        if (Fonts.Text is not null)
        {
            canvas.DrawText(text, x, y, align, font, paint);
            return;
        }

        var width = Measure(text, font);
        var left = align switch { SKTextAlign.Center => x - (width / 2), SKTextAlign.Right => x - width, _ => x };
        var advance = font.Size * 0.9f;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                var h = font.Size * (0.55f + ((text[i] % 5) * 0.08f));
                canvas.DrawRect(left + (i * advance) + (font.Size * 0.1f), y - h, advance * 0.7f, h, paint);
            }
        }
    }
}
