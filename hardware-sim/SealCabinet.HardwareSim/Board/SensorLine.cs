namespace SealCabinet.HardwareSim.Board;

/// <summary>
/// The physical level of one sensor contact (press switch, seat reed switch, tamper switch). It exists whatever the
/// power state; a stuck contact reports its stuck level whatever the mechanics do.
/// </summary>
public sealed class SensorLine
{
    private readonly object _lock = new();
    private bool _physical;
    private bool? _stuckAt;

    /// <summary>Creates the line at a level.</summary>
    /// <param name="name">For diagnostics, e.g. "sleeve 2 press".</param>
    /// <param name="initial">Initial physical level.</param>
    public SensorLine(string name, bool initial)
    {
        Name = name;
        _physical = initial;
    }

    /// <summary>Raised with the new level when the level seen by the board changes (on the thread that changed it).</summary>
    public event Action<bool>? Changed;

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The level the board reads.</summary>
    public bool Level
    {
        get
        {
            lock (_lock)
            {
                return _stuckAt ?? _physical;
            }
        }
    }

    /// <summary>Whether the contact is stuck.</summary>
    public bool IsStuck
    {
        get
        {
            lock (_lock)
            {
                return _stuckAt.HasValue;
            }
        }
    }

    /// <summary>Sets the physical level (the mechanics moved).</summary>
    /// <param name="level">New level.</param>
    public void Set(bool level)
    {
        Update(() => _physical = level);
    }

    /// <summary>Sticks the contact at <paramref name="level"/>, or frees it with null.</summary>
    /// <param name="level">Stuck level, or null.</param>
    public void Stick(bool? level)
    {
        Update(() => _stuckAt = level);
    }

    private void Update(Action change)
    {
        bool before;
        bool after;
        lock (_lock)
        {
            before = _stuckAt ?? _physical;
            change();
            after = _stuckAt ?? _physical;
        }

        if (before != after)
        {
            Changed?.Invoke(after);
        }
    }
}
