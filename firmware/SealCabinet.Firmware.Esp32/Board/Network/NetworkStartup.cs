using System.Device.Wifi;
using System.Threading;
using nanoFramework.Networking;

namespace SealCabinet.Firmware.Esp32.Board.Network
{
    /// <summary>
    /// Joins the provisioned Wi-Fi network (DHCP, automatic reconnection by the Wi-Fi driver) and starts SNTP.
    /// SNTP only gives the wall clock a plausible value for diagnostics: grant expiry runs on the server time that
    /// arrives MAC'd in every acknowledgement (docs/device-protocol.md, Trusted time), never on this clock.
    /// </summary>
    public static class NetworkStartup
    {
        /// <summary>Connects to Wi-Fi, waiting at most <paramref name="timeoutMs"/>.</summary>
        /// <param name="ssid">Network name.</param>
        /// <param name="password">Network password (never logged).</param>
        /// <param name="timeoutMs">How long to wait for an address.</param>
        /// <returns>True when the station has an IP address.</returns>
        public static bool ConnectWifi(string ssid, string password, int timeoutMs)
        {
            CancellationTokenSource timeout = new CancellationTokenSource(timeoutMs);
            return WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
        }

        /// <summary>Starts the SNTP client (the ESP32 firmware also starts it on its own when an address arrives).</summary>
        public static void StartTimeHint()
        {
            Sntp.Start();
        }
    }
}
