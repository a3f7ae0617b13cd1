using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Gpio;

/// <summary>
/// A simulated digital input line: the level of a contact (press switch, seat reed switch, tamper switch). Setting
/// <see cref="Level"/> changes the physical level; a change of the level the board reads raises <see cref="Changed"/>
/// and the firmware's edge callback on the thread that made it, like a GPIO interrupt. Fault injection, off by
/// default: <see cref="Stick"/> holds the contact at a level whatever the mechanics do. Thread-safe.
/// </summary>
public sealed class SimulatedInput : IDigitalInput
{
    private readonly object _lock = new();
    private InputChangedHandler? _handler;
    private bool _physical;
    private bool? _stuckAt;

    /// <summary>Creates the input at an initial level.</summary>
    /// <param name="initial">Initial physical level.</param>
    public SimulatedInput(bool initial = false)
    {
        _physical = initial;
    }

    /// <summary>Raised with the new level when the level the board reads changes (on the thread that changed it).</summary>
    public event Action<bool>? Changed;

    /// <summary>For diagnostics, e.g. "sleeve 2 press".</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The level the board reads (the stuck level while stuck); setting it moves the physical contact.</summary>
    public bool Level
    {
        get
        {
            lock (_lock)
            {
                return _stuckAt ?? _physical;
            }
        }

        set => Update(() => _physical = value);
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

    /// <summary>Sticks the contact at <paramref name="level"/>, or frees it with null.</summary>
    /// <param name="level">Stuck level, or null.</param>
    public void Stick(bool? level) => Update(() => _stuckAt = level);

    /// <inheritdoc />
    public bool Read() => Level;

    /// <inheritdoc />
    public void SetChangedHandler(InputChangedHandler? handler) => _handler = handler;

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
            _handler?.Invoke(this, after);
        }
    }
}
