using Grpc.Core;
using Grpc.Core.Interceptors;
using SealCabinet.Cloud.Service.Common;

namespace SealCabinet.Cloud.Service.Access;

/// <summary>
/// Enforces <see cref="AccessPolicies"/> before any handler runs: fails closed for an RPC without a policy,
/// requires a valid bearer token or console session for people's RPCs, and checks role and scope against the request.
/// </summary>
internal sealed class AccessInterceptor(ILogger<AccessInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(request, context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(request, context);
        await continuation(request, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync<object>(null, context);
        return await continuation(requestStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync<object>(null, context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task AuthorizeAsync<TRequest>(TRequest? request, ServerCallContext context)
    {
        var policy = AccessPolicies.Find(context.Method);
        if (policy is null)
        {
            logger.LogError("Refused {Method}: it has no access policy", context.Method);
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"{context.Method} has no access policy"));
        }

        if (policy.Kind is CallerKind.Device or CallerKind.Anyone)
        {
            return;
        }

        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "sign in, or send a valid bearer token"));
        }

        Caller caller;
        try
        {
            caller = Caller.FromPrincipal(http.User);
        }
        catch (CloudException e)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, e.Message));
        }

        var accessor = http.RequestServices.GetRequiredService<CallerAccessor>();
        if (policy.Kind == CallerKind.SignedIn)
        {
            accessor.Caller = caller;
            return;
        }

        if (!caller.HasAnyRole(policy.Roles))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"{context.Method} requires the role {Describe(policy)}"));
        }

        ScopeTarget? target;
        try
        {
            var resolver = http.RequestServices.GetRequiredService<ScopeResolver>();
            target = request is null ? null : await policy.Target(request, resolver, context.CancellationToken);
        }
        catch (CloudException e)
        {
            throw new RpcException(new Status(e.Kind == CloudErrorKind.NotFound ? StatusCode.NotFound : StatusCode.InvalidArgument, e.Message));
        }

        if (target is not null && !caller.Covers(policy.Roles, target))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"{context.Method} requires the role {Describe(policy)} for {target}"));
        }

        accessor.Caller = caller;
    }

    private static string Describe(RpcPolicy policy) =>
        string.Join(" or ", policy.Roles.Select(r => r.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal));
}
