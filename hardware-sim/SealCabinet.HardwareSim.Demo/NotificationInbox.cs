using Grpc.Core;
using SealCabinet.Contracts.V1;

namespace SealCabinet.HardwareSim.Demo;

/// <summary>A person's notification stream (Notifications.Subscribe), collected in the background.</summary>
public sealed class NotificationInbox : IAsyncDisposable
{
    private readonly List<Notification> _received = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    /// <summary>Subscribes for <paramref name="actor"/>.</summary>
    /// <param name="actor">Whose notifications.</param>
    public NotificationInbox(CloudActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Actor = actor;
        _pump = PumpAsync();
    }

    /// <summary>Whose inbox.</summary>
    public CloudActor Actor { get; }

    /// <summary>Why the stream ended early (null while it runs).</summary>
    public RpcException? Failure { get; private set; }

    /// <summary>Waits for a notification matching <paramref name="match"/>.</summary>
    /// <param name="match">What is expected.</param>
    /// <param name="timeout">Limit.</param>
    /// <param name="what">For the error.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The notification.</returns>
    /// <exception cref="TimeoutException">None in time (the stream's failure is in the message).</exception>
    public async Task<Notification> WaitAsync(Func<Notification, bool> match, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_received)
            {
                var found = _received.FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }
            }

            if (Failure is not null)
            {
                break;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        var failure = Failure is null ? string.Empty : $": the notification stream failed ({Failure.StatusCode}: {Failure.Status.Detail})";
        throw new TimeoutException(Failure is null
            ? $"{Actor} was not notified of {what} within {timeout.TotalSeconds:0} s"
            : $"{Actor} was not notified of {what}{failure}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            using var call = Actor.Notifications.Subscribe(new SubscribeRequest(), cancellationToken: _stop.Token);
            await foreach (var notification in call.ResponseStream.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                lock (_received)
                {
                    _received.Add(notification);
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && _stop.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (RpcException e)
        {
            Failure = e;
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
