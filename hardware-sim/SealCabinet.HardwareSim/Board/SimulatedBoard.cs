using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Host.Authentication;
using SealCabinet.Firmware.Host.Gpio;
using SealCabinet.Firmware.Host.Network;
using SealCabinet.HardwareSim.Camera;

namespace SealCabinet.HardwareSim.Board;

/// <summary>
/// The physical cabinet, which outlives every power cut: three sleeves with their seals, the enclosure tamper
/// switch, the PIN pad and the NFC card reader, status LED, buzzer, camera trigger line, the document tray and the
/// network around it. The electronics
/// of each boot (<see cref="SealCabinet.HardwareSim.Cabinet.SimulatedCabinet"/>) are wired onto these parts.
/// </summary>
public sealed class SimulatedBoard : IDisposable
{
    internal SimulatedBoard(IMonotonicClock time, IReadOnlyList<SealKind> sleeveKinds, Func<SealKind, string> sealName, BoardTimings timings, bool sealIdReader, bool realTimeClock)
    {
        Time = time;
        Timings = timings;
        Timeline = new Timeline();
        RealTimeClock = realTimeClock ? new BatteryBackedClock(time) : null;
        Sleeves = [.. sleeveKinds.Select((kind, i) => new SleeveMechanism(i + 1, kind, sealName(kind), Timeline, () => time.UptimeMs, timings, keyedSeat: !sealIdReader))];
        foreach (var sleeve in Sleeves)
        {
            sleeve.Stamped += s => Tray.Stamp(s.SealName);
        }
    }

    /// <summary>The world's time.</summary>
    public IMonotonicClock Time { get; }

    /// <summary>The battery-backed real-time clock (fitted when the options say so).</summary>
    public BatteryBackedClock? RealTimeClock { get; private set; }

    /// <summary>Mechanical timings.</summary>
    public BoardTimings Timings { get; }

    /// <summary>Scheduled physical happenings.</summary>
    public Timeline Timeline { get; }

    /// <summary>Sleeves 1..3 (index 0..2).</summary>
    public IReadOnlyList<SleeveMechanism> Sleeves { get; }

    /// <summary>The enclosure tamper switch (true = enclosure open).</summary>
    public SimulatedInput Tamper { get; } = new(false) { Name = "enclosure tamper" };

    /// <summary>Status LED.</summary>
    public SimulatedOutput StatusLed { get; } = new() { Name = "status LED" };

    /// <summary>Buzzer.</summary>
    public SimulatedOutput Buzzer { get; } = new() { Name = "buzzer" };

    /// <summary>
    /// The 4×4 PIN pad: each key reaches the firmware of the current boot at once (the ESP32's scanning thread debounces
    /// before it reports a key, so no bounce is simulated); without power a key goes nowhere.
    /// </summary>
    public SimulatedKeypad PinPad { get; } = new();

    /// <summary>The NFC card reader: a card held to it reaches the firmware of the current boot at once; without power nothing reads it.</summary>
    public SimulatedCardReader CardReader { get; } = new();

    /// <summary>Camera trigger line.</summary>
    public SimulatedOutput CameraTrigger { get; } = new() { Name = "camera trigger" };

    /// <summary>The page under the document camera.</summary>
    public DocumentTray Tray { get; } = new();

    /// <summary>Who stands in front of the face camera (seed of the rendered person).</summary>
    public int PersonSeed { get; set; } = 1;

    /// <summary>The network as the cabinet sees it.</summary>
    public NetworkConditions Network { get; } = new();

    /// <summary>Sleeve <paramref name="number"/> (1..3).</summary>
    /// <param name="number">Sleeve number.</param>
    /// <returns>The mechanism.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not 1..3.</exception>
    public SleeveMechanism Sleeve(int number)
    {
        if (number is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "sleeve must be 1, 2 or 3");
        }

        return Sleeves[number - 1];
    }

    /// <summary>Runs the physical happenings due now.</summary>
    public void Pump() => Timeline.RunDue(Time.UptimeMs);

    /// <inheritdoc />
    public void Dispose() => Tray.Dispose();
}
