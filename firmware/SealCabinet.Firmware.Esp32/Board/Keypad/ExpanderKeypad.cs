using System;
using System.Threading;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Hardware.Parts;
using SealCabinet.Firmware.Esp32.Board.Expander;

namespace SealCabinet.Firmware.Esp32.Board.Keypad
{
    /// <summary>
    /// <see cref="IKeypad"/> for the 4×4 PIN pad on the expander's port A. Its own thread scans every
    /// <see cref="ScanIntervalMs"/>: idle, one read of the column inputs with every row low; only when a column reads
    /// pressed, each row in turn is driven low to find the key (<see cref="KeypadMatrix"/>). The scans go through
    /// <see cref="KeyDebouncer"/>, so each key is reported once per press. The expander has no interrupt line wired
    /// (no GPIO is free), hence the polling; the same thread checks once a second that the expander kept its
    /// configuration.
    /// </summary>
    public sealed class ExpanderKeypad : IKeypad
    {
        /// <summary>Time between two scans.</summary>
        public const int ScanIntervalMs = 10;

        /// <summary>How long a scan result must hold: membrane keypads bounce for a few milliseconds.</summary>
        public const int DebounceMs = 30;

        /// <summary>Time between two checks of the expander's configuration.</summary>
        public const int ConfigurationCheckIntervalMs = 1000;

        private readonly Mcp23017Expander _expander;
        private readonly KeyDebouncer _debouncer = new KeyDebouncer(DebounceMs);
        private readonly int[] _pressedColumnsByRow = new int[KeypadMatrix.Rows];
        private KeyPressedHandler? _handler;

        /// <summary>Binds the keypad to the expander; <see cref="Start"/> starts scanning.</summary>
        /// <param name="expander">The configured expander.</param>
        public ExpanderKeypad(Mcp23017Expander expander)
        {
            _expander = expander;
        }

        /// <inheritdoc />
        public void SetKeyHandler(KeyPressedHandler? handler)
        {
            _handler = handler;
        }

        /// <summary>Starts the scanning thread.</summary>
        public void Start()
        {
            Thread thread = new Thread(Run);
            thread.Start();
        }

        private void Run()
        {
            long nextCheckMs = Environment.TickCount64 + ConfigurationCheckIntervalMs;
            while (true)
            {
                try
                {
                    long nowMs = Environment.TickCount64;
                    if (nowMs >= nextCheckMs)
                    {
                        _expander.EnsureConfigured();
                        nextCheckMs = nowMs + ConfigurationCheckIntervalMs;
                    }

                    char key = _debouncer.Update(Scan(), nowMs);
                    KeyPressedHandler? handler = _handler;
                    if (key != KeypadMatrix.NoKey && handler != null)
                    {
                        handler(key);
                    }
                }
                catch (Exception)
                {
                    // A failing handler must not end the scanning: the next press is still reported.
                }

                Thread.Sleep(ScanIntervalMs);
            }
        }

        // A transfer that fails reads as no key: a bus fault can then never invent a key, only drop one.
        private char Scan()
        {
            byte gpioA;
            if (!_expander.ReadPortA(out gpioA) || ExpanderKeypadPort.PressedColumns(gpioA) == 0)
            {
                return KeypadMatrix.NoKey;
            }

            char key = KeypadMatrix.NoKey;
            bool complete = true;
            for (int row = 0; row < KeypadMatrix.Rows && complete; row++)
            {
                complete = _expander.DriveKeypadRows(ExpanderKeypadPort.SelectRow(row)) && _expander.ReadPortA(out gpioA);
                _pressedColumnsByRow[row] = complete ? ExpanderKeypadPort.PressedColumns(gpioA) : 0;
            }

            if (complete)
            {
                key = KeypadMatrix.Decode(_pressedColumnsByRow);
            }

            _expander.DriveKeypadRows(ExpanderKeypadPort.AllRowsLow);
            return key;
        }
    }
}
