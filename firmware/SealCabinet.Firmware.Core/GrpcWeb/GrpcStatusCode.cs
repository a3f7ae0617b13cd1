namespace SealCabinet.Firmware.Core.GrpcWeb
{
    /// <summary>The gRPC status codes the firmware distinguishes (the full list is 0..16).</summary>
    public static class GrpcStatusCode
    {
        /// <summary>Success.</summary>
        public const int Ok = 0;

        /// <summary>The request was invalid.</summary>
        public const int InvalidArgument = 3;

        /// <summary>The caller is not authenticated (bad MAC).</summary>
        public const int Unauthenticated = 16;

        /// <summary>The method is not implemented.</summary>
        public const int Unimplemented = 12;

        /// <summary>The service is unavailable; retry later.</summary>
        public const int Unavailable = 14;

        /// <summary>Internal server error.</summary>
        public const int Internal = 13;
    }
}
