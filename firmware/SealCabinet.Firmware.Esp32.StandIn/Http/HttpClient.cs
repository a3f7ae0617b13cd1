// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Net.Http.Client 1.5.207 (assembly System.Net.Http), nanoframework/System.Net.Http nanoFramework.System.Net.Http/Http/HttpClient.cs
using System.Security.Cryptography.X509Certificates;

namespace System.Net.Http
{
    public class HttpClient
    {
        public HttpClient()
        {
            throw new NotSupportedException();
        }

        public TimeSpan Timeout
        {
            set { throw new NotSupportedException(); }
        }

        public X509Certificate HttpsAuthentCert
        {
            set { throw new NotSupportedException(); }
        }

        public HttpResponseMessage Send(HttpRequestMessage request, HttpCompletionOption completionOption)
        {
            throw new NotSupportedException();
        }
    }
}
