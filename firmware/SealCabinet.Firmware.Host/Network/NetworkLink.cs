using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Host.Power;

namespace SealCabinet.Firmware.Host.Network;

/// <summary>The Wi-Fi link seam of one boot: up exactly while <see cref="NetworkConditions.LinkUp"/> says so.</summary>
public sealed class NetworkLink : INetworkLink
{
    private readonly NetworkConditions _network;
    private readonly PowerRail? _rail;

    /// <summary>Creates the link seam.</summary>
    /// <param name="network">The fault switches it follows.</param>
    /// <param name="rail">The boot's power (reading a dead board throws <see cref="PowerLostException"/>), or null.</param>
    public NetworkLink(NetworkConditions network, PowerRail? rail = null)
    {
        _network = network;
        _rail = rail;
    }

    /// <inheritdoc />
    public bool IsUp
    {
        get
        {
            _rail?.EnsureOn();
            return _network.LinkUp;
        }
    }
}
