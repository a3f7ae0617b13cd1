using SkiaSharp;

namespace SealCabinet.Evidence.Imaging.Rendering;

/// <summary>
/// Renders realistic, deterministic document pages (A4 proportions, white paper, a title, paragraphs of mixed
/// Chinese/ASCII text, sometimes a table, a signature block): the material a custodian scans and the page the
/// cabinet photographs. The same seed always gives the same page.
/// </summary>
public static class DocumentPageRenderer
{
    /// <summary>Default page width in pixels (height is width × √2).</summary>
    public const int DefaultWidth = 620;

    private static readonly string[] Titles =
    [
        "宅基地建房申请书", "劳务用工合同", "党员组织关系介绍信", "经营场所证明", "充电桩安装同意书",
        "村民委员会证明", "集体资产租赁协议", "Certificate of Residence", "Labour Hiring Agreement", "土地承包经营权流转合同",
    ];

    private static readonly string[] Phrases =
    [
        "兹证明", "本村村民", "申请人", "身份证号", "于", "年", "月", "日", "经村民委员会研究决定", "同意其", "在本村",
        "建设住房一处", "占地面积", "平方米", "特此证明", "the applicant", "No. 2026-", "area", "contract term", "yuan",
        "甲方", "乙方", "双方协商一致", "签订本合同", "劳务报酬", "按月支付", "组织关系", "转出", "转入", "联系电话",
        "village committee", "approved", "经营地址", "门牌号", "充电桩", "安装位置", "物业", "无异议",
    ];

    /// <summary>Renders the page for <paramref name="seed"/>; the caller disposes the bitmap.</summary>
    public static SKBitmap Render(int seed, int width = DefaultWidth)
    {
        var random = new Random(seed);
        var title = Titles[random.Next(Titles.Length)];
        var paragraphs = new List<string>();
        var count = random.Next(2, 7);
        for (var p = 0; p < count; p++)
        {
            var words = random.Next(8, 60);
            paragraphs.Add(string.Concat(Enumerable.Range(0, words).Select(_ => Phrases[random.Next(Phrases.Length)] + (random.Next(4) == 0 ? random.Next(10, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture) : ""))));
        }

        return Render(title, paragraphs, seed, width);
    }

    /// <summary>Renders a page with the given title and paragraphs; <paramref name="seed"/> varies layout details.</summary>
    public static SKBitmap Render(string title, IReadOnlyList<string> paragraphs, int seed = 0, int width = DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(paragraphs);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        var random = new Random(seed ^ 0x5EA1);
        var height = (int)Math.Round(width * Math.Sqrt(2));
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = new SKColor(20, 20, 25), IsAntialias = true };
        var scale = width / (float)DefaultWidth;
        var margin = (50 + random.Next(0, 20)) * scale;
        using var titleFont = TextPainter.Font((24 + random.Next(0, 8)) * scale, bold: true);
        using var bodyFont = TextPainter.Font((14 + random.Next(0, 4)) * scale);

        var y = margin + (40 + random.Next(0, 40)) * scale;
        TextPainter.Draw(canvas, title, width / 2f, y, SKTextAlign.Center, titleFont, ink);
        y += 40 * scale;
        var lineHeight = bodyFont.Size * 1.7f;
        foreach (var paragraph in paragraphs)
        {
            var indent = bodyFont.Size * 2;
            foreach (var line in Wrap(paragraph, bodyFont, width - (2 * margin) - indent))
            {
                if (y > height - (160 * scale))
                {
                    break;
                }

                TextPainter.Draw(canvas, line, margin + indent, y, SKTextAlign.Left, bodyFont, ink);
                indent = 0;
                y += lineHeight;
            }

            y += lineHeight * 0.6f;
        }

        if (random.Next(3) == 0 && y < height - (300 * scale))
        {
            y = DrawTable(canvas, random, margin, y, width - (2 * margin), bodyFont, ink, scale);
        }

        var signatureY = Math.Max(y + (40 * scale), height - ((150 + random.Next(0, 60)) * scale));
        TextPainter.Draw(canvas, "申请人（签字）：________", width - margin - (220 * scale), signatureY, SKTextAlign.Left, bodyFont, ink);
        TextPainter.Draw(canvas, $"2026年{random.Next(1, 13)}月{random.Next(1, 29)}日", width - margin - (160 * scale), signatureY + (lineHeight * 1.5f), SKTextAlign.Left, bodyFont, ink);
        return bitmap;
    }

    /// <summary>Renders the page for <paramref name="seed"/> as JPEG bytes (a scanner's output).</summary>
    public static byte[] RenderJpeg(int seed, int quality = 90, int width = DefaultWidth)
    {
        using var bitmap = Render(seed, width);
        return Jpeg.Encode(bitmap, quality);
    }

    private static float DrawTable(SKCanvas canvas, Random random, float left, float top, float tableWidth, SKFont font, SKPaint ink, float scale)
    {
        var rows = random.Next(3, 7);
        var columns = random.Next(2, 5);
        var rowHeight = font.Size * 2;
        using var line = new SKPaint { Color = ink.Color, StrokeWidth = 1.2f * scale, Style = SKPaintStyle.Stroke, IsAntialias = true };
        for (var r = 0; r <= rows; r++)
        {
            canvas.DrawLine(left, top + (r * rowHeight), left + tableWidth, top + (r * rowHeight), line);
        }

        for (var c = 0; c <= columns; c++)
        {
            var x = left + (c * tableWidth / columns);
            canvas.DrawLine(x, top, x, top + (rows * rowHeight), line);
        }

        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var text = r == 0 ? $"项目{c + 1}" : random.Next(1, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
                TextPainter.Draw(canvas, text, left + (c * tableWidth / columns) + (6 * scale), top + (r * rowHeight) + (font.Size * 1.4f), SKTextAlign.Left, font, ink);
            }
        }

        return top + (rows * rowHeight) + (font.Size * 2);
    }

    private static IEnumerable<string> Wrap(string text, SKFont font, float maxWidth)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = start + 1;
            while (end < text.Length && TextPainter.Measure(text.AsSpan(start, end - start + 1), font) <= maxWidth)
            {
                end++;
            }

            yield return text[start..end];
            start = end;
        }
    }
}
