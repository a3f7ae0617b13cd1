// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Net.Http.Client 1.5.207, nanoFramework.System.Net.Http/Http/Headers/MediaTypeHeaderValue.cs
namespace System.Net.Http.Headers
{
    public class MediaTypeHeaderValue
    {
        public MediaTypeHeaderValue(string mediaType)
        {
            throw new NotSupportedException();
        }
    }
}
