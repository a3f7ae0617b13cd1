using SealCabinet.Cloud.Service.Common;

namespace SealCabinet.Cloud.Service.Access;

/// <summary>Per-call holder of the caller, filled by <see cref="AccessInterceptor"/> after the policy passed.</summary>
internal sealed class CallerAccessor
{
    private Caller? _caller;

    public Caller Caller
    {
        get => _caller ?? throw new CloudException(CloudErrorKind.Unauthenticated, "the call carries no authenticated person");
        set => _caller = value;
    }
}
