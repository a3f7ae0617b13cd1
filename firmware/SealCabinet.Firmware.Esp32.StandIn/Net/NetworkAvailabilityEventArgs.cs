// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Net 1.11.52, nanoframework/System.Net nanoFramework.System.Net/NetworkInformation/NetworkChange.cs
namespace System.Net.NetworkInformation
{
    public class NetworkAvailabilityEventArgs : EventArgs
    {
        private NetworkAvailabilityEventArgs()
        {
        }

        public bool IsAvailable
        {
            get { throw new NotSupportedException(); }
        }
    }
}
