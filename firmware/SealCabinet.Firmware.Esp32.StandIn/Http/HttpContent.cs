// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Net.Http.Client 1.5.207, nanoFramework.System.Net.Http/Http/HttpContent.cs (abstract upstream; ReadAsStream streams the socket, ReadAsByteArray is capped at 64 KB)
using System.IO;
using System.Net.Http.Headers;

namespace System.Net.Http
{
    public class HttpContent
    {
        private protected HttpContent()
        {
        }

        public HttpContentHeaders Headers
        {
            get { throw new NotSupportedException(); }
        }

        public Stream ReadAsStream()
        {
            throw new NotSupportedException();
        }
    }
}
