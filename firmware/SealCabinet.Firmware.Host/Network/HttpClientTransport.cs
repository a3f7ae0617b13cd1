using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Network
{
    /// <summary>
    /// Host-only <see cref="IHttpTransport"/> on HttpClient, HTTP/1.1 like the ESP32's. Only the response
    /// body and headers are handed to the core; HTTP trailers are ignored, as nanoFramework's HttpClient drops them.
    /// </summary>
    public sealed class HttpClientTransport : IHttpTransport, IDisposable
    {
        private readonly HttpClient _client;

        /// <summary>Creates the transport.</summary>
        /// <param name="timeout">Per-request timeout.</param>
        /// <param name="handler">Optional handler (TLS settings, test servers); disposed with the transport.</param>
        public HttpClientTransport(TimeSpan timeout, HttpMessageHandler? handler = null)
        {
            _client = handler == null ? new HttpClient() : new HttpClient(handler, disposeHandler: true);
            _client.Timeout = timeout;
        }

        /// <inheritdoc />
        public HttpTransportResponse Post(string url, string contentType, string[] headerNames, string[] headerValues, byte[] body)
        {
            using HttpRequestMessage request = new(HttpMethod.Post, url)
            {
                Version = new Version(1, 1),
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            for (int i = 0; i < headerNames.Length; i++)
            {
                request.Headers.TryAddWithoutValidation(headerNames[i], headerValues[i]);
            }

            try
            {
                using HttpResponseMessage response = _client.Send(request, HttpCompletionOption.ResponseContentRead);
                using System.IO.MemoryStream buffer = new();
                response.Content.ReadAsStream().CopyTo(buffer);
                List<KeyValuePair<string, IEnumerable<string>>> headers = response.Headers.Concat(response.Content.Headers).ToList();
                return new HttpTransportResponse(
                    (int)response.StatusCode,
                    buffer.ToArray(),
                    headers.Select(h => h.Key).ToArray(),
                    headers.Select(h => string.Join(",", h.Value)).ToArray());
            }
            catch (HttpRequestException e)
            {
                return HttpTransportResponse.Failed(e.Message);
            }
            catch (TaskCanceledException e)
            {
                return HttpTransportResponse.Failed("timeout: " + e.Message);
            }
        }

        /// <inheritdoc />
        public void Dispose() => _client.Dispose();
    }
}
