// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Net.Http.Client 1.5.207, nanoFramework.System.Net.Http/Http/HttpResponseMessage.cs
namespace System.Net.Http
{
    public class HttpResponseMessage
    {
        private HttpResponseMessage()
        {
        }

        public HttpStatusCode StatusCode
        {
            get { throw new NotSupportedException(); }
        }

        public HttpContent Content
        {
            get { throw new NotSupportedException(); }
        }

        public void Dispose()
        {
            throw new NotSupportedException();
        }
    }
}
