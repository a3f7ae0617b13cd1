using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Host.Clock;
using SealCabinet.HardwareSim.Board;
using SealCabinet.HardwareSim.Camera;

namespace SealCabinet.HardwareSim.Cabinet;

/// <summary>How a <see cref="SimulatedCabinet"/> is built.</summary>
public sealed class SimulatedCabinetOptions
{
    /// <summary>The flash directory (holds provision.bin, the journal, state slots, photos).</summary>
    public required string FlashDirectory { get; init; }

    /// <summary>The world's time; <see cref="SystemMonotonicClock"/> runs a loop thread, <see cref="ManualClock"/> is stepped with <see cref="SimulatedCabinet.Advance"/>.</summary>
    public IMonotonicClock Time { get; init; } = new SystemMonotonicClock();

    /// <summary>Pause between firmware ticks in real time.</summary>
    public int TickIntervalMs { get; init; } = 5;

    /// <summary>Size of the flash partition.</summary>
    public long FlashCapacityBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Mechanical timings.</summary>
    public BoardTimings Timings { get; init; } = new();

    /// <summary>Camera output.</summary>
    public CameraSettings Camera { get; init; } = new();

    /// <summary>Timeout of one gateway call.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one MQTT exchange.</summary>
    public TimeSpan MqttTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Name of the village, used for the seal imprints ("义桥村村民委员会"…).</summary>
    public string VillageName { get; init; } = "义桥村";

    /// <summary>Seed of the first document on the tray (null: an empty tray).</summary>
    public int? DocumentSeed { get; init; } = 1;

    /// <summary>
    /// Whether the board has a seal ID reader (the firmware's <c>ISealIdentifier</c> seam): the seat sensors then sense
    /// any seal and a wrong seal put back is reported as WRONG_SEAL_RETURNED. Without it the seat sensors are keyed
    /// to their own seal and a wrong seal looks like no seal (SEAL_NOT_RETURNED_ALARM after the return window).
    /// </summary>
    public bool SealIdReader { get; init; } = true;

    /// <summary>Whether the board has a battery-backed real-time clock (trusted time right after a power cut); off by default.</summary>
    public bool RealTimeClock { get; init; }

    /// <summary>The organisation name carved on a seal of <paramref name="kind"/>.</summary>
    /// <param name="kind">Seal kind.</param>
    /// <returns>The name.</returns>
    public string SealName(SealKind kind) => kind switch
    {
        SealKind.Party => $"中共{VillageName}支部委员会",
        SealKind.Committee => $"{VillageName}村民委员会",
        SealKind.Cooperative => $"{VillageName}经济合作社",
        _ => VillageName,
    };
}
