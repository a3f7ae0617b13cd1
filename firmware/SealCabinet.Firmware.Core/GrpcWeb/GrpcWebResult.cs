namespace SealCabinet.Firmware.Core.GrpcWeb
{
    /// <summary>The result of one unary gRPC-Web call.</summary>
    public sealed class GrpcWebResult
    {
        /// <summary>Creates the result.</summary>
        /// <param name="outcome">How the call ended.</param>
        /// <param name="httpStatus">HTTP status (0 without a response).</param>
        /// <param name="grpcStatus">grpc-status (-1 when unknown).</param>
        /// <param name="grpcMessage">grpc-message or a description of the failure.</param>
        /// <param name="message">The response message bytes (only for <see cref="GrpcCallOutcome.Ok"/>).</param>
        public GrpcWebResult(GrpcCallOutcome outcome, int httpStatus, int grpcStatus, string grpcMessage, byte[]? message)
        {
            Outcome = outcome;
            HttpStatus = httpStatus;
            GrpcStatus = grpcStatus;
            GrpcMessage = grpcMessage;
            Message = message;
        }

        /// <summary>How the call ended.</summary>
        public GrpcCallOutcome Outcome { get; }

        /// <summary>HTTP status code, 0 without a response.</summary>
        public int HttpStatus { get; }

        /// <summary>grpc-status, or -1 when none was received.</summary>
        public int GrpcStatus { get; }

        /// <summary>grpc-message (percent-decoded), or what went wrong.</summary>
        public string GrpcMessage { get; }

        /// <summary>The response message (Ok only).</summary>
        public byte[]? Message { get; }

        /// <summary>True for <see cref="GrpcCallOutcome.Ok"/>.</summary>
        public bool IsOk
        {
            get { return Outcome == GrpcCallOutcome.Ok; }
        }
    }
}
