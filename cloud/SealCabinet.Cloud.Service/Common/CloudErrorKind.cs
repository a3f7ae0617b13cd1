namespace SealCabinet.Cloud.Service.Common;

/// <summary>Why an operation was refused; mapped one-to-one onto gRPC status codes at the edge.</summary>
internal enum CloudErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyExists,
    PermissionDenied,
    FailedPrecondition,
    Unauthenticated,
    Unavailable,
}
