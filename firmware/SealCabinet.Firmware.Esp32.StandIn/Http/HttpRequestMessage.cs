// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Net.Http.Client 1.5.207, nanoFramework.System.Net.Http/Http/HttpRequestMessage.cs
using System.Net.Http.Headers;

namespace System.Net.Http
{
    public class HttpRequestMessage
    {
        public HttpRequestMessage(HttpMethod method, string requestUri)
        {
            throw new NotSupportedException();
        }

        public HttpContent Content
        {
            set { throw new NotSupportedException(); }
        }

        public HttpRequestHeaders Headers
        {
            get { throw new NotSupportedException(); }
        }
    }
}
