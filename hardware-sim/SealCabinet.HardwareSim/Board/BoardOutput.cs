using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.HardwareSim.Board;

/// <summary>A GPIO output of one boot: drives an <see cref="OutputLine"/> while the board has power.</summary>
internal sealed class BoardOutput : IDigitalOutput
{
    private readonly OutputLine _line;
    private readonly PowerRail _rail;

    public BoardOutput(OutputLine line, PowerRail rail)
    {
        _line = line;
        _rail = rail;
    }

    public void Write(bool on)
    {
        _rail.EnsureOn();
        _line.Drive(on);
    }
}
