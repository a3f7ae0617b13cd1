// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Threading 1.1.52 (assembly System.Threading), System.Threading.CancellationToken
namespace System.Threading
{
    public readonly struct CancellationToken
    {
    }
}
