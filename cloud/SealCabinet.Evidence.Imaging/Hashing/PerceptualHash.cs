using System.Numerics;
using SkiaSharp;

namespace SealCabinet.Evidence.Imaging.Hashing;

/// <summary>
/// A 64-bit DCT perceptual hash (pHash) of a document image, computed on the red channel only: red ink (the seal
/// imprint) is nearly white in the red channel, so stamping a page barely moves its hash, while black text and
/// layout — what makes one document different from another — stay fully visible.
/// Steps: red dropout → crop to the ink's bounding box → 32×32 area-average downscale → 2-D DCT-II → the 8×8 lowest
/// frequencies → bit i set when coefficient i (row-major, u·8+v) is above the median of the 64.
/// </summary>
public static class PerceptualHash
{
    private const int Side = 32;
    private const int LowSide = 8;
    private const double InkFraction = 0.55;
    private const int MinInkPixels = 2;
    private static readonly double[,] Cosines = BuildCosines();

    /// <summary>Hashes an encoded image (JPEG, PNG, WebP…); throws <see cref="ArgumentException"/> when it cannot be decoded.</summary>
    public static ulong Compute(byte[] encodedImage)
    {
        ArgumentNullException.ThrowIfNull(encodedImage);
        using var data = SKData.CreateCopy(encodedImage);
        using var codec = SKCodec.Create(data) ?? throw new ArgumentException("image bytes are not a decodable image", nameof(encodedImage));
        using var bitmap = SKBitmap.Decode(codec) ?? throw new ArgumentException("image bytes could not be decoded", nameof(encodedImage));
        return Compute(bitmap);
    }

    /// <summary>Hashes a bitmap.</summary>
    public static ulong Compute(SKBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        if (bitmap.Width < Side || bitmap.Height < Side)
        {
            throw new ArgumentException($"image must be at least {Side}×{Side} pixels, got {bitmap.Width}×{bitmap.Height}", nameof(bitmap));
        }

        var small = Downscale(bitmap);
        var dct = new double[LowSide * LowSide];
        for (var u = 0; u < LowSide; u++)
        {
            for (var v = 0; v < LowSide; v++)
            {
                double sum = 0;
                for (var y = 0; y < Side; y++)
                {
                    for (var x = 0; x < Side; x++)
                    {
                        sum += small[y, x] * Cosines[u, y] * Cosines[v, x];
                    }
                }

                dct[(u * LowSide) + v] = sum;
            }
        }

        var sorted = dct.Order().ToArray();
        var median = (sorted[31] + sorted[32]) / 2;
        ulong hash = 0;
        for (var i = 0; i < dct.Length; i++)
        {
            if (dct[i] > median)
            {
                hash |= 1UL << i;
            }
        }

        return hash;
    }

    /// <summary>Number of differing bits (0–64).</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    private static double[,] Downscale(SKBitmap bitmap)
    {
        using var rgba = bitmap.ColorType == SKColorType.Rgba8888 ? null : bitmap.Copy(SKColorType.Rgba8888);
        var source = rgba ?? bitmap;
        var pixels = source.GetPixelSpan();
        var width = source.Width;
        var height = source.Height;
        var gray = new byte[width * height];
        var histogram = new int[256];
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * source.RowBytes, width * 4);
            for (var x = 0; x < width; x++)
            {
                var value = RedDropout(row[x * 4], row[(x * 4) + 1], row[(x * 4) + 2]);
                gray[(y * width) + x] = value;
                histogram[value]++;
            }
        }

        var (left, top, right, bottom) = ContentBox(gray, width, height, histogram);
        var boxWidth = right - left + 1;
        var boxHeight = bottom - top + 1;
        var sums = new double[Side, Side];
        var counts = new int[Side, Side];
        for (var y = top; y <= bottom; y++)
        {
            var cellY = (y - top) * Side / boxHeight;
            for (var x = left; x <= right; x++)
            {
                var cellX = (x - left) * Side / boxWidth;
                sums[cellY, cellX] += gray[(y * width) + x];
                counts[cellY, cellX]++;
            }
        }

        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                sums[y, x] /= counts[y, x];
            }
        }

        return sums;
    }

    /// <summary>
    /// The bounding box of the ink: rows and columns holding at least <see cref="MinInkPixels"/> pixels darker than
    /// <see cref="InkFraction"/> of the paper level (the 90th percentile of all values). Hashing only this box makes
    /// the hash indifferent to how the page is framed (scanner margins, camera zoom and shift).
    /// </summary>
    private static (int Left, int Top, int Right, int Bottom) ContentBox(byte[] gray, int width, int height, int[] histogram)
    {
        var target = (long)gray.Length * 9 / 10;
        var paper = 0;
        for (long seen = 0; paper < 255 && seen + histogram[paper] <= target; paper++)
        {
            seen += histogram[paper];
        }

        var ink = paper * InkFraction;
        var rows = new int[height];
        var columns = new int[width];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (gray[(y * width) + x] < ink)
                {
                    rows[y]++;
                    columns[x]++;
                }
            }
        }

        var top = Array.FindIndex(rows, n => n >= MinInkPixels);
        var bottom = Array.FindLastIndex(rows, n => n >= MinInkPixels);
        var left = Array.FindIndex(columns, n => n >= MinInkPixels);
        var right = Array.FindLastIndex(columns, n => n >= MinInkPixels);
        return top < 0 || left < 0 || bottom - top + 1 < Side || right - left + 1 < Side
            ? (0, 0, width - 1, height - 1)
            : (left, top, right, bottom);
    }

    /// <summary>
    /// The red channel, pushed further towards white by how much redder than green/blue the pixel is, so red ink
    /// reads as paper while black and grey (text, lines) keep their value.
    /// </summary>
    private static byte RedDropout(byte r, byte g, byte b) => (byte)Math.Min(255, r + Math.Max(0, r - ((g + b) / 2)));

    private static double[,] BuildCosines()
    {
        var table = new double[LowSide, Side];
        for (var u = 0; u < LowSide; u++)
        {
            for (var x = 0; x < Side; x++)
            {
                table[u, x] = Math.Cos((2 * x + 1) * u * Math.PI / (2 * Side));
            }
        }

        return table;
    }
}
