// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.IO.Ports 1.1.132, System.IO.Ports/Parity.cs
namespace System.IO.Ports
{
    public enum Parity
    {
        None = 0,
    }
}
