namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// The board's network link (the Wi-Fi station on the ESP32), optional seam: it tells the status LED "Wi-Fi down"
    /// apart from "cloud unreachable". Without it the firmware cannot tell, and a dead link shows as cloud unreachable.
    /// </summary>
    public interface INetworkLink
    {
        /// <summary>True while the link is up with an address (read on the firmware's thread, once per tick).</summary>
        bool IsUp { get; }
    }
}
