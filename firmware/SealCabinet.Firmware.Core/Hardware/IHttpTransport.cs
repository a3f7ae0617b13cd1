namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// Synchronous HTTP/1.1 POST (nanoFramework's HttpClient on the ESP32, HttpClient on the host). The body
    /// must be read completely; HTTP trailers may be dropped, which is why gRPC-Web status is read from the body.
    /// </summary>
    public interface IHttpTransport
    {
        /// <summary>Sends one POST and reads the whole response.</summary>
        /// <param name="url">Absolute URL.</param>
        /// <param name="contentType">Content-Type of the request body.</param>
        /// <param name="headerNames">Extra request header names.</param>
        /// <param name="headerValues">Extra request header values, same order.</param>
        /// <param name="body">Request body.</param>
        /// <returns>The response, or a failed response; never throws for network errors.</returns>
        HttpTransportResponse Post(string url, string contentType, string[] headerNames, string[] headerValues, byte[] body);
    }
}
