using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Esp32.Board.Expander
{
    /// <summary>A port-B pin of the expander as an output (sleeve READY LED, status LED, camera trigger); high energises.</summary>
    public sealed class ExpanderOutput : IDigitalOutput
    {
        private readonly Mcp23017Expander _expander;
        private readonly int _bit;

        /// <summary>Binds the output to its pin.</summary>
        /// <param name="expander">The expander.</param>
        /// <param name="portBBit">GPB number 0..7.</param>
        public ExpanderOutput(Mcp23017Expander expander, int portBBit)
        {
            _expander = expander;
            _bit = portBBit;
        }

        /// <inheritdoc />
        public void Write(bool on)
        {
            _expander.SetPortB(_bit, on);
        }
    }
}
