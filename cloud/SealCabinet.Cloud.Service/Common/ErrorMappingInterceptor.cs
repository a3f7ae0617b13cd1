using Grpc.Core;
using Grpc.Core.Interceptors;

namespace SealCabinet.Cloud.Service.Common;

/// <summary>Turns domain refusals into gRPC statuses with their message; everything else stays an opaque Internal.</summary>
internal sealed class ErrorMappingInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (CloudException e)
        {
            throw ToRpc(e);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (CloudException e)
        {
            throw ToRpc(e);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (CloudException e)
        {
            throw ToRpc(e);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (CloudException e)
        {
            throw ToRpc(e);
        }
    }

    private static RpcException ToRpc(CloudException e) => new(new Status(
        e.Kind switch
        {
            CloudErrorKind.InvalidArgument => StatusCode.InvalidArgument,
            CloudErrorKind.NotFound => StatusCode.NotFound,
            CloudErrorKind.AlreadyExists => StatusCode.AlreadyExists,
            CloudErrorKind.PermissionDenied => StatusCode.PermissionDenied,
            CloudErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
            CloudErrorKind.Unauthenticated => StatusCode.Unauthenticated,
            CloudErrorKind.Unavailable => StatusCode.Unavailable,
            _ => StatusCode.Internal,
        },
        e.Message));
}
