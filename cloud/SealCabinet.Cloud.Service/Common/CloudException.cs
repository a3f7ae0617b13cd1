namespace SealCabinet.Cloud.Service.Common;

/// <summary>
/// A refusal the caller should see: thrown by the domain layer before anything is changed (or inside a
/// transaction that is then rolled back) and turned into a gRPC status by Common/ErrorMappingInterceptor.
/// </summary>
internal sealed class CloudException(CloudErrorKind kind, string message) : Exception(message)
{
    public CloudErrorKind Kind { get; } = kind;

    public static CloudException Invalid(string field, string problem) => new(CloudErrorKind.InvalidArgument, $"{field}: {problem}");

    public static CloudException NotFound(string field, string problem) => new(CloudErrorKind.NotFound, $"{field}: {problem}");

    public static CloudException Exists(string field, string problem) => new(CloudErrorKind.AlreadyExists, $"{field}: {problem}");

    public static CloudException Denied(string problem) => new(CloudErrorKind.PermissionDenied, problem);

    public static CloudException Precondition(string problem) => new(CloudErrorKind.FailedPrecondition, problem);
}
