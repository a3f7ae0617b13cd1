namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>
/// Bounded waits for what happens asynchronously (an outbox publish, a webhook delivery, a status change): poll until
/// it holds, or fail naming what did not happen — never a fixed sleep.
/// </summary>
internal static class Eventually
{
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan patience, string what)
    {
        using var cts = new CancellationTokenSource(patience);
        try
        {
            while (!await condition(cts.Token))
            {
                await Task.Delay(50, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw Timeout(patience, what);
        }
    }

    public static async Task WithinAsync(Task happening, TimeSpan patience, string what)
    {
        try
        {
            await happening.WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            throw Timeout(patience, what);
        }
    }

    public static TimeoutException Timeout(TimeSpan patience, string what) => new($"{what} did not happen within {patience.TotalSeconds:0} s");
}
