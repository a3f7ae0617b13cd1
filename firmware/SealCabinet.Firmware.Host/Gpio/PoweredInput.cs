using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Host.Power;

namespace SealCabinet.Firmware.Host.Gpio;

/// <summary>
/// A GPIO input of one boot: reads a <see cref="SimulatedInput"/> line that outlives the boot and raises the
/// firmware's edge callback while the board has power (a dead MCU sees no interrupts; reading it throws
/// <see cref="PowerLostException"/>). Dispose it to unplug it from the line.
/// </summary>
public sealed class PoweredInput : IDigitalInput, IDisposable
{
    private readonly SimulatedInput _line;
    private readonly PowerRail _rail;
    private InputChangedHandler? _handler;

    /// <summary>Wires the input onto <paramref name="line"/>.</summary>
    /// <param name="line">The physical line.</param>
    /// <param name="rail">The boot's power.</param>
    public PoweredInput(SimulatedInput line, PowerRail rail)
    {
        _line = line;
        _rail = rail;
        _line.Changed += OnChanged;
    }

    /// <inheritdoc />
    public bool Read()
    {
        _rail.EnsureOn();
        return _line.Level;
    }

    /// <inheritdoc />
    public void SetChangedHandler(InputChangedHandler? handler) => _handler = handler;

    /// <inheritdoc />
    public void Dispose()
    {
        _line.Changed -= OnChanged;
        _handler = null;
    }

    private void OnChanged(bool level)
    {
        var handler = _handler;
        if (handler is not null && _rail.IsOn)
        {
            handler(this, level);
        }
    }
}
