using System.Collections.Generic;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Gpio
{
    /// <summary>Host-only digital output that remembers its level and every change.</summary>
    public sealed class SimulatedOutput : IDigitalOutput
    {
        private readonly List<bool> _history = [];

        /// <summary>The current level.</summary>
        public bool IsOn { get; private set; }

        /// <summary>Number of times the output was switched on.</summary>
        public int OnCount { get; private set; }

        /// <summary>Every level written, in order.</summary>
        public IReadOnlyList<bool> History => _history;

        /// <inheritdoc />
        public void Write(bool on)
        {
            if (on && !IsOn)
            {
                OnCount++;
            }

            IsOn = on;
            _history.Add(on);
        }
    }
}
