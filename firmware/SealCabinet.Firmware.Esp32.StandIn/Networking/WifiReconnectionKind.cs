// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Device.Wifi 1.5.144, nanoframework/System.Device.Wifi System.Device.Wifi/WifiReconnectionKind.cs
namespace System.Device.Wifi
{
    public enum WifiReconnectionKind
    {
        Automatic = 0,
    }
}
