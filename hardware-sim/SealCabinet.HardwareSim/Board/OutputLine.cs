namespace SealCabinet.HardwareSim.Board;

/// <summary>The physical state of one driven output (solenoid coil, LED, buzzer, camera trigger), observable by the simulator.</summary>
public sealed class OutputLine
{
    private int _on;
    private long _switchCount;

    /// <summary>Creates the line, off.</summary>
    /// <param name="name">For diagnostics, e.g. "sleeve 1 solenoid".</param>
    public OutputLine(string name)
    {
        Name = name;
    }

    /// <summary>Raised with the new state when it changes.</summary>
    public event Action<bool>? Changed;

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Whether the output is energised.</summary>
    public bool IsOn => Volatile.Read(ref _on) == 1;

    /// <summary>How many times it was switched on.</summary>
    public long SwitchOnCount => Interlocked.Read(ref _switchCount);

    /// <summary>Drives the line.</summary>
    /// <param name="on">New state.</param>
    public void Drive(bool on)
    {
        var before = Interlocked.Exchange(ref _on, on ? 1 : 0);
        if (before == (on ? 1 : 0))
        {
            return;
        }

        if (on)
        {
            Interlocked.Increment(ref _switchCount);
        }

        Changed?.Invoke(on);
    }
}
