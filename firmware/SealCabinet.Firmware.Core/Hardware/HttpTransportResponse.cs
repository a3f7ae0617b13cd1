namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>The outcome of one HTTP exchange through <see cref="IHttpTransport"/>.</summary>
    public sealed class HttpTransportResponse
    {
        private readonly string[] _headerNames;
        private readonly string[] _headerValues;

        /// <summary>A completed exchange.</summary>
        /// <param name="statusCode">HTTP status code.</param>
        /// <param name="body">The whole response body (chunked encoding already removed).</param>
        /// <param name="headerNames">Response header names.</param>
        /// <param name="headerValues">Response header values, same order.</param>
        public HttpTransportResponse(int statusCode, byte[] body, string[] headerNames, string[] headerValues)
        {
            StatusCode = statusCode;
            Body = body;
            _headerNames = headerNames;
            _headerValues = headerValues;
            Error = string.Empty;
        }

        private HttpTransportResponse(string error)
        {
            Body = new byte[0];
            _headerNames = new string[0];
            _headerValues = new string[0];
            Error = error;
        }

        /// <summary>True when a response was received (whatever its status).</summary>
        public bool Completed
        {
            get { return Error.Length == 0; }
        }

        /// <summary>HTTP status code (0 when not completed).</summary>
        public int StatusCode { get; }

        /// <summary>The response body.</summary>
        public byte[] Body { get; }

        /// <summary>Why the exchange failed (connection, TLS, timeout); empty when completed.</summary>
        public string Error { get; }

        /// <summary>An exchange that did not complete.</summary>
        /// <param name="error">Why, for diagnostics.</param>
        /// <returns>The failed response.</returns>
        public static HttpTransportResponse Failed(string error)
        {
            return new HttpTransportResponse(error.Length == 0 ? "transport failure" : error);
        }

        /// <summary>A response header by name (case-insensitive).</summary>
        /// <param name="name">Header name.</param>
        /// <returns>The value, or null when absent.</returns>
        public string? GetHeader(string name)
        {
            string wanted = name.ToLower();
            for (int i = 0; i < _headerNames.Length; i++)
            {
                if (_headerNames[i].ToLower() == wanted)
                {
                    return _headerValues[i];
                }
            }

            return null;
        }
    }
}
