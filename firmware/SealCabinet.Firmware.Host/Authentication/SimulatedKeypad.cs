using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Authentication;

/// <summary>A simulated PIN pad: <see cref="Press"/> reports keys to the firmware on the calling thread, like the board's scanning thread. Thread-safe.</summary>
public sealed class SimulatedKeypad : IKeypad
{
    private volatile KeyPressedHandler? _handler;

    /// <inheritdoc />
    public void SetKeyHandler(KeyPressedHandler? handler) => _handler = handler;

    /// <summary>Presses each key of <paramref name="keys"/> in turn ('0'-'9', '*', '#', 'A'-'D'; anything else is refused).</summary>
    /// <param name="keys">The keys, e.g. "2468#".</param>
    /// <exception cref="ArgumentException">A character is no key of a 4×4 PIN pad.</exception>
    public void Press(string keys)
    {
        foreach (char key in keys)
        {
            if (!char.IsAsciiDigit(key) && key is not ('*' or '#' or 'A' or 'B' or 'C' or 'D'))
            {
                throw new ArgumentException($"'{key}' is no key of the PIN pad (0-9, *, #, A-D)", nameof(keys));
            }

            _handler?.Invoke(key);
        }
    }
}
