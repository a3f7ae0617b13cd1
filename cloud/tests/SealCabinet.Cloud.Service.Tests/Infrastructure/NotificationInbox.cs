using Grpc.Core;
using SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>One caller's Notifications.Subscribe stream.</summary>
internal sealed class NotificationInbox : IDisposable
{
    private readonly AsyncServerStreamingCall<Notification> _call;

    private NotificationInbox(AsyncServerStreamingCall<Notification> call) => _call = call;

    /// <summary>Subscribes and waits for the response headers: from then on nothing committed is missed.</summary>
    public static async Task<NotificationInbox> OpenAsync(CloudClients caller, long afterId = 0, params NotificationKind[] kinds)
    {
        var request = new SubscribeRequest { AfterId = afterId };
        request.Kinds.AddRange(kinds);
        var call = caller.Notifications.Subscribe(request);
        await call.ResponseHeadersAsync;
        return new NotificationInbox(call);
    }

    /// <summary>The next <paramref name="count"/> notifications (fails if they do not come within 30 s).</summary>
    public async Task<List<Notification>> TakeAsync(int count)
    {
        var patience = TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource(patience);
        var taken = new List<Notification>();
        try
        {
            while (taken.Count < count)
            {
                if (!await _call.ResponseStream.MoveNext(cts.Token))
                {
                    throw new InvalidOperationException($"the stream ended after {taken.Count} of {count} notifications");
                }

                taken.Add(_call.ResponseStream.Current);
            }
        }
        catch (Exception e) when (cts.IsCancellationRequested && e is RpcException { StatusCode: StatusCode.Cancelled } or OperationCanceledException)
        {
            throw Eventually.Timeout(patience, $"notification {taken.Count + 1} of {count}");
        }

        return taken;
    }

    public void Dispose() => _call.Dispose();
}
