using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Host.Power;

namespace SealCabinet.HardwareSim.Board;

/// <summary>
/// The seal ID reader of one boot (an ID resistor in each seal's holder read through an ADC): names the kind of
/// whatever seal sits in a sleeve, the sleeve's own or another, and nothing for an empty seat.
/// </summary>
internal sealed class BoardSealIdentifier : ISealIdentifier
{
    private readonly SimulatedBoard _board;
    private readonly PowerRail _rail;

    public BoardSealIdentifier(SimulatedBoard board, PowerRail rail)
    {
        _board = board;
        _rail = rail;
    }

    public SealKind Identify(int sleeve)
    {
        _rail.EnsureOn();
        return sleeve is >= 1 and <= 3 ? _board.Sleeve(sleeve).IdentifySeated() : SealKind.Unspecified;
    }
}
