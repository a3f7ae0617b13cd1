using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.HardwareSim.Board;

/// <summary>
/// A GPIO input of one boot: reads a <see cref="SensorLine"/> and raises the firmware's edge callback while the
/// board has power (a dead MCU sees no interrupts).
/// </summary>
internal sealed class BoardInput : IDigitalInput, IDisposable
{
    private readonly SensorLine _line;
    private readonly PowerRail _rail;
    private InputChangedHandler? _handler;

    public BoardInput(SensorLine line, PowerRail rail)
    {
        _line = line;
        _rail = rail;
        _line.Changed += OnChanged;
    }

    public bool Read()
    {
        _rail.EnsureOn();
        return _line.Level;
    }

    public void SetChangedHandler(InputChangedHandler? handler) => _handler = handler;

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
