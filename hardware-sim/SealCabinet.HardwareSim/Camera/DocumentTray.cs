using SealCabinet.Evidence.Imaging.Rendering;
using SkiaSharp;

namespace SealCabinet.HardwareSim.Camera;

/// <summary>
/// The document tray under the cabinet's document camera: the page the custodian laid there, which collects a red
/// imprint each time a seal comes down on it.
/// </summary>
public sealed class DocumentTray : IDisposable
{
    private readonly object _lock = new();
    private SKBitmap? _page;
    private int _imprints;
    private int _seed;

    /// <summary>Whether a page lies on the tray.</summary>
    public bool HasPage
    {
        get
        {
            lock (_lock)
            {
                return _page is not null;
            }
        }
    }

    /// <summary>Imprints on the current page.</summary>
    public int Imprints
    {
        get
        {
            lock (_lock)
            {
                return _imprints;
            }
        }
    }

    /// <summary>Lays a generated page (<see cref="DocumentPageRenderer.Render(int, int)"/>) on the tray.</summary>
    /// <param name="seed">Chooses the page.</param>
    /// <param name="width">Page width in pixels.</param>
    public void Place(int seed, int width)
    {
        Replace(DocumentPageRenderer.Render(seed, width), seed);
    }

    /// <summary>Lays a page with the given text on the tray.</summary>
    /// <param name="title">Title line.</param>
    /// <param name="paragraphs">Body paragraphs.</param>
    /// <param name="seed">Varies layout details.</param>
    /// <param name="width">Page width in pixels.</param>
    public void Place(string title, IReadOnlyList<string> paragraphs, int seed, int width)
    {
        Replace(DocumentPageRenderer.Render(title, paragraphs, seed, width), seed);
    }

    /// <summary>Takes the page away.</summary>
    public void Clear() => Replace(null, 0);

    /// <summary>A seal came down on the page: adds its imprint.</summary>
    /// <param name="organisation">Name on the seal.</param>
    public void Stamp(string organisation)
    {
        lock (_lock)
        {
            if (_page is null)
            {
                return;
            }

            _imprints++;
            var stamped = SealImprintRenderer.Stamp(_page, _seed + (_imprints * 7919), organisation);
            _page.Dispose();
            _page = stamped;
        }
    }

    /// <summary>Photographs the tray as the camera module would (pose, lighting, noise, JPEG).</summary>
    /// <param name="shot">Varies the pose and noise of this shot.</param>
    /// <param name="noiseSigma">Sensor noise.</param>
    /// <param name="emptyWidth">Frame width when the tray is empty.</param>
    /// <returns>The JPEG.</returns>
    public byte[] Photograph(int shot, double noiseSigma, int emptyWidth)
    {
        lock (_lock)
        {
            if (_page is not null)
            {
                return CameraSimulator.Capture(_page, shot, 2f, noiseSigma);
            }
        }

        // An empty tray: grey felt.
        using var empty = new SKBitmap(new SKImageInfo(emptyWidth, (int)(emptyWidth * Math.Sqrt(2)), SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(empty))
        {
            canvas.Clear(new SKColor(90, 92, 96));
        }

        return CameraSimulator.Capture(empty, shot, 0f, noiseSigma);
    }

    /// <inheritdoc />
    public void Dispose() => Clear();

    private void Replace(SKBitmap? page, int seed)
    {
        lock (_lock)
        {
            _page?.Dispose();
            _page = page;
            _seed = seed;
            _imprints = 0;
        }
    }
}
