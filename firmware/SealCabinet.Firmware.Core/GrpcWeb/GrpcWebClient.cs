using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Core.GrpcWeb
{
    /// <summary>
    /// Unary gRPC-Web calls over the HTTP seam (docs/device-protocol.md, "gRPC-Web"):
    /// POST {base}/{service}/{method}, Content-Type application/grpc-web+proto, X-Grpc-Web: 1, one request
    /// frame; the status is read from the trailer frame in the body, because nanoFramework's HttpClient drops
    /// HTTP trailers.
    /// </summary>
    public sealed class GrpcWebClient
    {
        /// <summary>Content type of requests.</summary>
        public const string ContentType = "application/grpc-web+proto";

        /// <summary>Largest response body accepted.</summary>
        public const int MaxResponseBytes = 256 * 1024;

        private static readonly string[] HeaderNames = { "X-Grpc-Web", "Accept" };
        private static readonly string[] HeaderValues = { "1", ContentType };
        private readonly IHttpTransport _http;
        private readonly string _baseUrl;

        /// <summary>Creates the client.</summary>
        /// <param name="http">HTTP transport.</param>
        /// <param name="baseUrl">Base URL of the gateway, e.g. "https://gw.example.org" (a trailing slash is ignored).</param>
        public GrpcWebClient(IHttpTransport http, string baseUrl)
        {
            _http = http;
            _baseUrl = baseUrl.TrimEnd('/');
        }

        /// <summary>Calls a unary method.</summary>
        /// <param name="service">Full service name, e.g. "sealcabinet.v1.DeviceGateway".</param>
        /// <param name="method">Method name, e.g. "PushEvents".</param>
        /// <param name="request">The encoded request message.</param>
        /// <returns>The result; never throws for network or protocol errors.</returns>
        public GrpcWebResult Call(string service, string method, byte[] request)
        {
            string url = _baseUrl + "/" + service + "/" + method;
            HttpTransportResponse response = _http.Post(url, ContentType, HeaderNames, HeaderValues, GrpcWebFraming.EncodeRequest(request));
            if (!response.Completed)
            {
                return new GrpcWebResult(GrpcCallOutcome.TransportFailed, 0, -1, response.Error, null);
            }

            if (response.StatusCode != 200)
            {
                return new GrpcWebResult(GrpcCallOutcome.HttpError, response.StatusCode, -1, "HTTP status " + response.StatusCode.ToString(), null);
            }

            if (response.Body.Length > MaxResponseBytes)
            {
                return new GrpcWebResult(GrpcCallOutcome.MalformedResponse, 200, -1, "response body larger than " + MaxResponseBytes.ToString() + " bytes", null);
            }

            return GrpcWebFraming.ParseUnaryResponse(response.Body, response.GetHeader("grpc-status"), response.GetHeader("grpc-message"));
        }
    }
}
