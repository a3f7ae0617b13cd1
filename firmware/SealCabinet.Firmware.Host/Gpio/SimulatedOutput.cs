using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Gpio;

/// <summary>
/// A simulated digital output line (solenoid coil, LED, buzzer, camera trigger) that remembers its level, counts
/// how often it was switched on, keeps every level written and raises <see cref="Changed"/> when the level changes.
/// Thread-safe.
/// </summary>
public sealed class SimulatedOutput : IDigitalOutput
{
    private readonly object _lock = new();
    private readonly List<bool> _history = [];
    private bool _on;
    private int _onCount;

    /// <summary>Raised with the new level when it changes (on the writing thread).</summary>
    public event Action<bool>? Changed;

    /// <summary>For diagnostics, e.g. "sleeve 1 solenoid".</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The current level (true = energised).</summary>
    public bool IsOn
    {
        get
        {
            lock (_lock)
            {
                return _on;
            }
        }
    }

    /// <summary>Number of times the output was switched on.</summary>
    public int OnCount
    {
        get
        {
            lock (_lock)
            {
                return _onCount;
            }
        }
    }

    /// <summary>Every level written, in order (a copy).</summary>
    public IReadOnlyList<bool> History
    {
        get
        {
            lock (_lock)
            {
                return [.. _history];
            }
        }
    }

    /// <inheritdoc />
    public void Write(bool on)
    {
        bool changed;
        lock (_lock)
        {
            changed = on != _on;
            if (on && !_on)
            {
                _onCount++;
            }

            _on = on;
            _history.Add(on);
        }

        if (changed)
        {
            Changed?.Invoke(on);
        }
    }
}
