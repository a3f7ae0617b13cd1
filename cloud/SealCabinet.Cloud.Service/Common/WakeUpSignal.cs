namespace SealCabinet.Cloud.Service.Common;

/// <summary>
/// Wakes a background dispatcher of this replica early, instead of at its next polling interval. Any number of
/// signals before the dispatcher wakes count as one: it always works off everything that is pending.
/// </summary>
internal abstract class WakeUpSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a concurrent caller: one wake-up covers both.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
