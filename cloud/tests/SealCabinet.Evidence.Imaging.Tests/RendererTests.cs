using SealCabinet.Evidence.Imaging.Hashing;
using SealCabinet.Evidence.Imaging.Rendering;
using SkiaSharp;

namespace SealCabinet.Evidence.Imaging.Tests;

public sealed class RendererTests
{
    [Test]
    public void A_page_is_a_decodable_a4_jpeg_and_the_same_seed_gives_the_same_page()
    {
        var first = DocumentPageRenderer.RenderJpeg(7);
        using var decoded = SKBitmap.Decode(first);
        Assert.That(decoded.Width, Is.EqualTo(DocumentPageRenderer.DefaultWidth));
        Assert.That(decoded.Height, Is.EqualTo((int)Math.Round(DocumentPageRenderer.DefaultWidth * Math.Sqrt(2))));
        Assert.That(DocumentPageRenderer.RenderJpeg(7), Is.EqualTo(first));
        Assert.That(DocumentPageRenderer.RenderJpeg(8), Is.Not.EqualTo(first));
    }

    [Test]
    public void A_page_carries_ink_and_the_imprint_adds_red()
    {
        using var page = DocumentPageRenderer.Render(3);
        using var stamped = SealImprintRenderer.Stamp(page, 3);
        Assert.That(CountPixels(page, c => c.Red < 100 && c.Green < 100 && c.Blue < 100), Is.GreaterThan(2_000), "text ink");
        Assert.That(CountPixels(page, IsRed), Is.Zero);
        Assert.That(CountPixels(stamped, IsRed), Is.GreaterThan(400), "seal imprint (every fourth pixel sampled)");
    }

    [Test]
    public void The_imprint_alone_does_not_move_the_hash_past_the_threshold()
    {
        using var page = DocumentPageRenderer.Render(11);
        using var stamped = SealImprintRenderer.Stamp(page, 12);
        Assert.That(PerceptualHash.Distance(PerceptualHash.Compute(page), PerceptualHash.Compute(stamped)), Is.LessThanOrEqualTo(DocumentSwapCheck.Threshold));
    }

    [Test]
    public void A_camera_photo_keeps_the_page_size_and_differs_from_the_page()
    {
        using var page = DocumentPageRenderer.Render(5);
        var photo = CameraSimulator.Capture(page, 1);
        using var decoded = SKBitmap.Decode(photo);
        Assert.That((decoded.Width, decoded.Height), Is.EqualTo((page.Width, page.Height)));
        Assert.That(photo, Is.Not.EqualTo(Jpeg.Encode(page, 80)));
    }

    [Test]
    public void A_person_photo_is_a_decodable_jpeg()
    {
        using var decoded = SKBitmap.Decode(PersonPhotoRenderer.RenderJpeg(2));
        Assert.That((decoded.Width, decoded.Height), Is.EqualTo((480, 360)));
    }

    [Test]
    public void Hashing_bytes_that_are_not_an_image_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PerceptualHash.Compute([1, 2, 3]));
        Assert.That(error!.ParamName, Is.EqualTo("encodedImage"));
    }

    [Test]
    public void Distance_counts_differing_bits()
    {
        Assert.That(PerceptualHash.Distance(0b1011, 0b0010), Is.EqualTo(2));
        Assert.That(DocumentSwapCheck.IsSwapped(0, ulong.MaxValue), Is.True);
        Assert.That(DocumentSwapCheck.IsSwapped(0, 0xFF), Is.False);
    }

    private static bool IsRed(SKColor c) => c.Red > 150 && c.Green < 110 && c.Blue < 110;

    private static int CountPixels(SKBitmap bitmap, Func<SKColor, bool> predicate)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                if (predicate(bitmap.GetPixel(x, y)))
                {
                    count++;
                }
            }
        }

        return count;
    }
}
