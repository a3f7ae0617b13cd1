namespace SealCabinet.Firmware.Host.Power;

/// <summary>
/// The supply of one boot of the board. Every electronic part of that boot checks it: once it is cut, flash
/// writes, network calls and outputs stop, exactly as when the plug is pulled. A new boot gets a new rail, so a
/// firmware thread still unwinding from the old boot can never touch the new one.
/// </summary>
public sealed class PowerRail
{
    private readonly CancellationTokenSource _cut = new();

    /// <summary>True until <see cref="Cut"/>.</summary>
    public bool IsOn => !_cut.IsCancellationRequested;

    /// <summary>Cancelled when the power is cut (aborts network calls in flight).</summary>
    public CancellationToken CutToken => _cut.Token;

    /// <summary>Cuts the power; idempotent.</summary>
    public void Cut()
    {
        try
        {
            _cut.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already cut and gone.
        }
    }

    /// <summary>Throws <see cref="PowerLostException"/> when the power is off.</summary>
    public void EnsureOn()
    {
        if (!IsOn)
        {
            throw new PowerLostException();
        }
    }
}
