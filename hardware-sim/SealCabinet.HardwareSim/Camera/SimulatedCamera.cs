using SealCabinet.Evidence.Imaging.Rendering;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Host.Power;
using SealCabinet.HardwareSim.Board;

namespace SealCabinet.HardwareSim.Camera;

/// <summary>
/// The camera module of one boot: a document camera over the tray and a face camera towards the person standing at
/// the cabinet. Each capture is a real JPEG rendered by the evidence imaging library.
/// </summary>
internal sealed class SimulatedCamera : ICameraCapture
{
    private readonly DocumentTray _tray;
    private readonly Func<int> _personSeed;
    private readonly CameraSettings _settings;
    private readonly PowerRail _rail;
    private int _shots;

    public SimulatedCamera(DocumentTray tray, Func<int> personSeed, CameraSettings settings, PowerRail rail, int shotSeed)
    {
        _tray = tray;
        _personSeed = personSeed;
        _settings = settings;
        _rail = rail;
        _shots = shotSeed;
    }

    public event Action<EvidenceKind, byte[]>? Captured;

    public int Captures { get; private set; }

    public byte[]? Capture(EvidenceKind kind)
    {
        _rail.EnsureOn();
        var shot = Interlocked.Increment(ref _shots);
        Captures++;
        var jpeg = kind == EvidenceKind.Person
            ? PersonPhotoRenderer.RenderJpeg(_personSeed() ^ (shot * 31), _settings.PersonWidth, _settings.PersonHeight)
            : _tray.Photograph(shot, _settings.NoiseSigma, _settings.DocumentWidth);
        Captured?.Invoke(kind, jpeg);
        return jpeg;
    }
}
