using SkiaSharp;

namespace SealCabinet.Evidence.Imaging.Rendering;

/// <summary>
/// Finds a typeface for the renderers. The Linux "NoDependencies" Skia build has no fontconfig, so the default font
/// manager may know no fonts at all; font files are therefore looked up on disk, preferring one that covers Chinese
/// (WenQuanYi, Noto CJK, Droid Sans Fallback), then DejaVu Sans, then any TrueType/OpenType file. When the machine
/// has no font, <see cref="TextPainter"/> draws one ink block per character so pages keep their layout.
/// </summary>
internal static class Fonts
{
    private static readonly string[] Directories =
        ["/usr/share/fonts", "/usr/local/share/fonts", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts"), "C:\\Windows\\Fonts", "/System/Library/Fonts", "/Library/Fonts"];

    private static readonly string[] Preferred = ["wqy-microhei", "wqy-zenhei", "notosanscjk", "notosanssc", "droidsansfallback", "msyh", "simsun", "pingfang", "dejavusans.ttf", "arial"];

    private static readonly Lazy<SKTypeface?> Found = new(Find);

    /// <summary>The typeface to draw text with, or null when the machine has no usable font.</summary>
    public static SKTypeface? Text => Found.Value;

    private static SKTypeface? Find()
    {
        var fromManager = SKFontManager.Default.MatchCharacter('中');
        if (fromManager is not null && HasLatinGlyphs(fromManager))
        {
            return fromManager;
        }

        var files = Directories.Where(Directory.Exists)
            .SelectMany(d => SafeEnumerate(d))
            .Where(f => f.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ttc", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".otf", StringComparison.OrdinalIgnoreCase))
            .OrderBy(Rank)
            .ThenBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var typeface = SKTypeface.FromFile(file);
            if (typeface is not null && HasLatinGlyphs(typeface))
            {
                return typeface;
            }

            typeface?.Dispose();
        }

        return null;
    }

    private static bool HasLatinGlyphs(SKTypeface typeface)
    {
        using var font = new SKFont(typeface, 12);
        return font.ContainsGlyph('A');
    }

    private static int Rank(string file)
    {
        var name = Path.GetFileName(file).Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        for (var i = 0; i < Preferred.Length; i++)
        {
            if (name.StartsWith(Preferred[i].Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Preferred.Length;
    }

    private static IEnumerable<string> SafeEnumerate(string directory)
    {
        try
        {
            return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
