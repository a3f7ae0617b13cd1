using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.HardwareSim.Board;

namespace SealCabinet.HardwareSim.Network;

/// <summary>The Wi-Fi link seam of one boot: up exactly while the fault switch says the link is up.</summary>
internal sealed class BoardNetworkLink : INetworkLink
{
    private readonly NetworkConditions _network;
    private readonly PowerRail _rail;

    public BoardNetworkLink(NetworkConditions network, PowerRail rail)
    {
        _network = network;
        _rail = rail;
    }

    public bool IsUp
    {
        get
        {
            _rail.EnsureOn();
            return _network.LinkUp;
        }
    }
}
