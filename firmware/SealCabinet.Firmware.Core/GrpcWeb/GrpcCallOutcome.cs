namespace SealCabinet.Firmware.Core.GrpcWeb
{
    /// <summary>How a gRPC-Web call ended.</summary>
    public enum GrpcCallOutcome
    {
        /// <summary>grpc-status 0 with exactly one response message.</summary>
        Ok = 0,

        /// <summary>No HTTP response (connection, TLS or timeout failure).</summary>
        TransportFailed = 1,

        /// <summary>An HTTP status other than 200.</summary>
        HttpError = 2,

        /// <summary>The body is not well-formed gRPC-Web (bad frame, compressed frame, extra data frames, bad trailer).</summary>
        MalformedResponse = 3,

        /// <summary>The body has no trailer frame (and no status in the headers), so the outcome is unknown.</summary>
        MissingTrailer = 4,

        /// <summary>The server answered with a non-zero grpc-status.</summary>
        GrpcError = 5,
    }
}
