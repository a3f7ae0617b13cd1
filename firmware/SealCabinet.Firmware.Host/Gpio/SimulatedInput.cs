using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Gpio
{
    /// <summary>Host-only digital input: setting <see cref="Level"/> fires the edge callback like a GPIO interrupt.</summary>
    public sealed class SimulatedInput : IDigitalInput
    {
        private InputChangedHandler? _handler;
        private bool _level;

        /// <summary>Creates the input at an initial level.</summary>
        /// <param name="initial">Initial level.</param>
        public SimulatedInput(bool initial = false)
        {
            _level = initial;
        }

        /// <summary>The level; changing it calls the registered callback.</summary>
        public bool Level
        {
            get => _level;
            set
            {
                if (value == _level)
                {
                    return;
                }

                _level = value;
                _handler?.Invoke(this, value);
            }
        }

        /// <inheritdoc />
        public bool Read() => _level;

        /// <inheritdoc />
        public void SetChangedHandler(InputChangedHandler? handler) => _handler = handler;
    }
}
