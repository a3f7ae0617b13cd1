using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Esp32.Board.Http
{
    /// <summary>
    /// <see cref="IHttpTransport"/> on nanoFramework's synchronous HttpClient: the gRPC-Web frame goes out as a
    /// binary <see cref="ByteArrayContent"/>, the response body is read through <see cref="HttpContent.ReadAsStream"/>
    /// (ReadAsByteArray buffers through a MemoryStream capped at 64 KB) and every response is disposed (the client
    /// runs out of memory after about 16 undisposed responses). nanoFramework's HttpClient exposes no public
    /// reader for response headers, so none are passed on: a gRPC-Web trailers-only reply (status in the HTTP
    /// headers, empty body) therefore reaches the core as a body without a trailer frame, which it treats as a
    /// failed call.
    /// </summary>
    public sealed class HttpClientTransport : IHttpTransport
    {
        private const int ChunkBytes = 1024;

        private readonly HttpClient _client;
        private readonly int _maxResponseBytes;
        private readonly object _sync = new object();

        /// <summary>Creates the transport; the client is configured once because its settings lock after the first request.</summary>
        /// <param name="caCertificate">CA certificate (PEM or DER) for https URLs; null for plain http.</param>
        /// <param name="timeoutMs">Whole-request timeout.</param>
        /// <param name="maxResponseBytes">Largest response body accepted (protects the heap from a runaway server).</param>
        public HttpClientTransport(byte[]? caCertificate, int timeoutMs, int maxResponseBytes)
        {
            _maxResponseBytes = maxResponseBytes;
            _client = new HttpClient();
            _client.Timeout = TimeSpan.FromMilliseconds(timeoutMs);
            if (caCertificate != null)
            {
                _client.HttpsAuthentCert = new X509Certificate(caCertificate);
            }
        }

        /// <inheritdoc />
        public HttpTransportResponse Post(string url, string contentType, string[] headerNames, string[] headerValues, byte[] body)
        {
            lock (_sync)
            {
                HttpResponseMessage? response = null;
                Stream? stream = null;
                try
                {
                    ByteArrayContent content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                    HttpRequestMessage request = new HttpRequestMessage(HttpMethod.Post, url);
                    request.Content = content;
                    for (int i = 0; i < headerNames.Length; i++)
                    {
                        request.Headers.Add(headerNames[i], headerValues[i]);
                    }

                    response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead);
                    int status = (int)response.StatusCode;
                    stream = response.Content.ReadAsStream();
                    byte[]? received = ReadAll(stream);
                    if (received == null)
                    {
                        return HttpTransportResponse.Failed("response body larger than the configured limit");
                    }

                    return new HttpTransportResponse(status, received, new string[0], new string[0]);
                }
                catch (Exception ex)
                {
                    return HttpTransportResponse.Failed(ex.Message ?? "http exchange failed");
                }
                finally
                {
                    if (stream != null)
                    {
                        stream.Dispose();
                    }

                    if (response != null)
                    {
                        response.Dispose();
                    }
                }
            }
        }

        private byte[]? ReadAll(Stream stream)
        {
            byte[] buffer = new byte[ChunkBytes];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= _maxResponseBytes)
                    {
                        return null;
                    }

                    int grown = buffer.Length * 2 > _maxResponseBytes ? _maxResponseBytes : buffer.Length * 2;
                    byte[] bigger = new byte[grown];
                    Array.Copy(buffer, bigger, length);
                    buffer = bigger;
                }

                int read = stream.Read(buffer, length, buffer.Length - length);
                if (read <= 0)
                {
                    break;
                }

                length += read;
            }

            byte[] result = new byte[length];
            Array.Copy(buffer, result, length);
            return result;
        }
    }
}
