namespace SealCabinet.HardwareSim.Board;

/// <summary>
/// Physical happenings scheduled at a simulation time (a latch bolt moving, contact bounce edges). They run in
/// time order, ties in scheduling order, whenever the cabinet pumps the timeline.
/// </summary>
public sealed class Timeline
{
    private readonly object _lock = new();
    private readonly PriorityQueue<Action, (long Due, long Order)> _queue = new();
    private long _order;

    /// <summary>Number of happenings not run yet.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Schedules <paramref name="action"/> at <paramref name="dueMs"/>.</summary>
    /// <param name="dueMs">Simulation time.</param>
    /// <param name="action">What happens.</param>
    public void Schedule(long dueMs, Action action)
    {
        lock (_lock)
        {
            _queue.Enqueue(action, (dueMs, _order++));
        }
    }

    /// <summary>Runs every happening due at or before <paramref name="nowMs"/>.</summary>
    /// <param name="nowMs">Simulation time.</param>
    /// <returns>How many ran.</returns>
    public int RunDue(long nowMs)
    {
        var ran = 0;
        while (true)
        {
            Action? action;
            lock (_lock)
            {
                if (!_queue.TryPeek(out action, out var key) || key.Due > nowMs)
                {
                    return ran;
                }

                _queue.Dequeue();
            }

            // Outside the lock: a happening may schedule the next one.
            action();
            ran++;
        }
    }
}
