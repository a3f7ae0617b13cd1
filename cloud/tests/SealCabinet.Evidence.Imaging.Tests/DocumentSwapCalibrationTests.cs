using SealCabinet.Evidence.Imaging.Hashing;
using SealCabinet.Evidence.Imaging.Rendering;
using SkiaSharp;

namespace SealCabinet.Evidence.Imaging.Tests;

/// <summary>
/// Calibrates <see cref="DocumentSwapCheck.Threshold"/> on a generated set: the approved scan of each page against
/// (a) camera photos of the same page with and without the seal imprint — must not be flagged — and
/// (b) camera photos of every other page, stamped — must be flagged.
/// </summary>
public sealed class DocumentSwapCalibrationTests
{
    private const int Pages = 40;

    [Test]
    public void The_threshold_separates_same_pages_from_swapped_pages_on_the_generated_set()
    {
        var approved = new ulong[Pages];
        var stamped = new ulong[Pages];
        var unstamped = new ulong[Pages];
        for (var i = 0; i < Pages; i++)
        {
            using var page = DocumentPageRenderer.Render(1000 + i);
            approved[i] = PerceptualHash.Compute(Jpeg.Encode(page, 90));
            using var withImprint = SealImprintRenderer.Stamp(page, 2000 + i);
            stamped[i] = PerceptualHash.Compute(CameraSimulator.Capture(withImprint, 3000 + i));
            unstamped[i] = PerceptualHash.Compute(CameraSimulator.Capture(page, 4000 + i));
        }

        var same = new List<int>();
        var swapped = new List<int>();
        for (var i = 0; i < Pages; i++)
        {
            same.Add(PerceptualHash.Distance(approved[i], stamped[i]));
            same.Add(PerceptualHash.Distance(approved[i], unstamped[i]));
            for (var j = 0; j < Pages; j++)
            {
                if (i != j)
                {
                    swapped.Add(PerceptualHash.Distance(approved[i], stamped[j]));
                }
            }
        }

        var threshold = DocumentSwapCheck.Threshold;
        var truePositives = swapped.Count(d => d > threshold);
        var falsePositives = same.Count(d => d > threshold);
        var recall = truePositives / (double)swapped.Count;
        var precision = truePositives + falsePositives == 0 ? 1 : truePositives / (double)(truePositives + falsePositives);
        TestContext.Out.WriteLine($"pages={Pages} same-page pairs={same.Count} swapped pairs={swapped.Count} threshold={threshold}");
        TestContext.Out.WriteLine($"same-page distance: max={same.Max()} mean={same.Average():F2} p95={Percentile(same, 0.95)}");
        TestContext.Out.WriteLine($"swapped distance: min={swapped.Min()} mean={swapped.Average():F2} p05={Percentile(swapped, 0.05)}");
        var falsePositiveRate = falsePositives / (double)same.Count;
        TestContext.Out.WriteLine($"recall={recall:F4} precision={precision:F4} false-positive rate={falsePositiveRate:F4} false positives={falsePositives} missed swaps={swapped.Count - truePositives}");
        for (var t = 4; t <= 14; t += 2)
        {
            TestContext.Out.WriteLine($"  threshold {t}: recall={swapped.Count(d => d > t) / (double)swapped.Count:F4} false-positive rate={same.Count(d => d > t) / (double)same.Count:F4}");
        }

        Assert.That(recall, Is.GreaterThanOrEqualTo(0.95), "recall of swapped detection");
        Assert.That(precision, Is.GreaterThanOrEqualTo(0.95), "precision of swapped detection");
        Assert.That(falsePositiveRate, Is.LessThanOrEqualTo(0.05), "share of genuine pages flagged as swapped");
    }

    private static int Percentile(List<int> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
