namespace SealCabinet.HardwareSim.Camera;

/// <summary>What the simulated camera module produces.</summary>
public sealed class CameraSettings
{
    /// <summary>Document frame width in pixels (400 gives JPEGs of about 30 KB, like an OV2640 at SVGA).</summary>
    public int DocumentWidth { get; init; } = 400;

    /// <summary>Person frame size.</summary>
    public int PersonWidth { get; init; } = 320;

    /// <summary>Person frame height.</summary>
    public int PersonHeight { get; init; } = 240;

    /// <summary>Sensor noise (0–255 levels).</summary>
    public double NoiseSigma { get; init; } = 3;
}
