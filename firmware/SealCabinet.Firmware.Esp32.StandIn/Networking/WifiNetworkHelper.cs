// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Device.Wifi 1.5.144, nanoframework/System.Device.Wifi System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs
using System.Device.Wifi;
using System.Threading;

namespace nanoFramework.Networking
{
    public static class WifiNetworkHelper
    {
        public static bool ConnectDhcp(string ssid, string password, WifiReconnectionKind reconnectionKind, bool requiresDateTime, int wifiAdapterId, CancellationToken token)
        {
            throw new System.NotSupportedException();
        }
    }
}
