using System.Net.NetworkInformation;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Esp32.Board.Network
{
    /// <summary>
    /// <see cref="INetworkLink"/> for the Wi-Fi station: starts from the result of the connection attempt at boot, then
    /// follows nanoFramework's NetworkAvailabilityChanged event (raised by the network stack when the station loses or
    /// regains its link; the Wi-Fi driver reconnects by itself).
    /// </summary>
    public sealed class WifiLink : INetworkLink
    {
        private readonly object _sync = new object();
        private bool _up;

        /// <summary>Subscribes to the availability event.</summary>
        /// <param name="upAtStart">Whether the connection attempt at boot got an address.</param>
        public WifiLink(bool upAtStart)
        {
            _up = upAtStart;
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
        }

        /// <inheritdoc />
        public bool IsUp
        {
            get
            {
                lock (_sync)
                {
                    return _up;
                }
            }
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            // Runs on the event thread; the firmware reads the flag on its own thread once per tick.
            lock (_sync)
            {
                _up = e.IsAvailable;
            }
        }
    }
}
