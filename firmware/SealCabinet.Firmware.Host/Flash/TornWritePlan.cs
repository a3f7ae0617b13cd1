namespace SealCabinet.Firmware.Host.Flash;

/// <summary>
/// An armed power cut that strikes in the middle of a flash write: the next write to a file whose name starts
/// with <see cref="FilePrefix"/> reaches the flash only partly (<see cref="KeepBytes"/> of it), then the power goes.
/// That is the only way a real flash gets a torn record: the write in progress when the supply fails.
/// </summary>
public sealed class TornWritePlan
{
    /// <summary>Journal segment files ("jnl00000001.seg").</summary>
    public const string JournalPrefix = "jnl";

    /// <summary>Which files it strikes.</summary>
    public string FilePrefix { get; init; } = JournalPrefix;

    /// <summary>Bytes of the write that reach the flash; negative means half of it.</summary>
    public int KeepBytes { get; init; } = -1;

    internal int KeepFor(int count) => KeepBytes < 0 ? count / 2 : Math.Min(KeepBytes, Math.Max(0, count - 1));
}
