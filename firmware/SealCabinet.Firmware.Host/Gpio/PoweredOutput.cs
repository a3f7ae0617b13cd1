using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Host.Power;

namespace SealCabinet.Firmware.Host.Gpio;

/// <summary>A GPIO output of one boot: drives a line that outlives the boot while the board has power (else <see cref="PowerLostException"/>).</summary>
public sealed class PoweredOutput : IDigitalOutput
{
    private readonly IDigitalOutput _line;
    private readonly PowerRail _rail;

    /// <summary>Wires the output onto <paramref name="line"/>.</summary>
    /// <param name="line">The physical line (e.g. a <see cref="SimulatedOutput"/>).</param>
    /// <param name="rail">The boot's power.</param>
    public PoweredOutput(IDigitalOutput line, PowerRail rail)
    {
        _line = line;
        _rail = rail;
    }

    /// <inheritdoc />
    public void Write(bool on)
    {
        _rail.EnsureOn();
        _line.Write(on);
    }
}
