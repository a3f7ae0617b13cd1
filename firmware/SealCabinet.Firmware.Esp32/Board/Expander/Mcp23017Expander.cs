using SealCabinet.Firmware.Core.Hardware.Parts;
using SealCabinet.Firmware.Esp32.Board.I2c;

namespace SealCabinet.Firmware.Esp32.Board.Expander
{
    /// <summary>
    /// The MCP23017 I/O expander, sole owner of its I2C address. Port A scans the PIN pad (<see cref="ExpanderKeypadPort"/>:
    /// columns in, rows out) and is touched only by the keypad's scanning thread. Port B drives the three sleeve READY
    /// LEDs, the status LED and the camera trigger (GPB5-GPB7 unused, driven low: no floating inputs, and GPB7 is
    /// output-only); it is written from the firmware thread through a cached latch, so an output costs a transfer only
    /// when its level changes. The chip powers up with every pin an input (high-Z), which leaves each port-B output
    /// off until <see cref="Configure"/> runs (docs/technician-guide.md: the camera trigger's gate pull-down; an LED
    /// fed from a high-Z pin stays dark). An expander that lost its configuration (reset, brown-out) is found by
    /// <see cref="EnsureConfigured"/> and set up again with the outputs as the firmware last wrote them.
    /// </summary>
    public sealed class Mcp23017Expander
    {
        /// <summary>Port B direction: all eight pins outputs.</summary>
        public const byte PortBDirection = 0x00;

        private readonly I2cChip _chip;
        private readonly object _portBLock = new object();
        private readonly byte[] _portBWrite = new byte[2];
        private byte _latchB;
        private bool _latchBStale = true;

        // Scanning-thread buffers: the hot path (one read every 10 ms) allocates nothing.
        private readonly byte[] _rowWrite = new byte[2];
        private readonly byte[] _gpioARegister = new byte[] { Mcp23017Registers.GpioA };
        private readonly byte[] _portARead = new byte[1];

        /// <summary>Takes the chip; nothing is sent until <see cref="Configure"/>.</summary>
        /// <param name="chip">The expander at its address.</param>
        public Mcp23017Expander(I2cChip chip)
        {
            _chip = chip;
        }

        /// <summary>
        /// Sets the latches first (rows low, port B as last written, all off at boot) and the directions last, so no
        /// pin becomes an output before its level is right.
        /// </summary>
        /// <returns>True when the chip took the whole configuration.</returns>
        public bool Configure()
        {
            lock (_portBLock)
            {
                bool done = _chip.Write(new byte[] { Mcp23017Registers.OLatA, ExpanderKeypadPort.AllRowsLow, _latchB })
                    && _chip.Write(new byte[] { Mcp23017Registers.GpPuA, ExpanderKeypadPort.PullUps, 0x00 })
                    && _chip.Write(new byte[] { Mcp23017Registers.IPolA, 0x00, 0x00 })
                    && _chip.Write(new byte[] { Mcp23017Registers.IoDirA, ExpanderKeypadPort.Direction, PortBDirection });
                _latchBStale = !done;
                return done;
            }
        }

        /// <summary>Reads the directions back and configures the chip again when they are not this firmware's.</summary>
        public void EnsureConfigured()
        {
            byte[] directions = new byte[2];
            if (!_chip.WriteRead(new byte[] { Mcp23017Registers.IoDirA }, directions)
                || directions[0] != ExpanderKeypadPort.Direction || directions[1] != PortBDirection)
            {
                Configure();
            }
        }

        /// <summary>Switches one port-B output.</summary>
        /// <param name="bit">GPB number 0..7.</param>
        /// <param name="on">True drives it high.</param>
        public void SetPortB(int bit, bool on)
        {
            lock (_portBLock)
            {
                byte next = on ? (byte)(_latchB | (1 << bit)) : (byte)(_latchB & ~(1 << bit));
                if (next == _latchB && !_latchBStale)
                {
                    return;
                }

                // A failed write is retried by the next call of any port-B output, whatever its level.
                _latchB = next;
                _portBWrite[0] = Mcp23017Registers.OLatB;
                _portBWrite[1] = next;
                _latchBStale = !_chip.Write(_portBWrite);
            }
        }

        /// <summary>Sets the port-A latch (the keypad rows). Scanning thread only.</summary>
        /// <param name="latch">The OLATA value.</param>
        /// <returns>True when written.</returns>
        public bool DriveKeypadRows(byte latch)
        {
            _rowWrite[0] = Mcp23017Registers.OLatA;
            _rowWrite[1] = latch;
            return _chip.Write(_rowWrite);
        }

        /// <summary>Reads the port-A pins. Scanning thread only.</summary>
        /// <param name="gpioA">The GPIOA register.</param>
        /// <returns>True when read.</returns>
        public bool ReadPortA(out byte gpioA)
        {
            bool read = _chip.WriteRead(_gpioARegister, _portARead);
            gpioA = _portARead[0];
            return read;
        }
    }
}
