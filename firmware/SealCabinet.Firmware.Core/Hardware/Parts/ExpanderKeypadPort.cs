namespace SealCabinet.Firmware.Core.Hardware.Parts
{
    /// <summary>
    /// How the PIN pad sits on the expander's port A (docs/technician-guide.md, section 2): columns 1-4 on GPA0-GPA3 as
    /// inputs with the chip's pull-ups (a pressed key reads low), rows 1-4 on GPA4-GPA7 as outputs, each through a
    /// Schottky diode with its cathode at the expander. GPA7 is output-only on the MCP23017, so the rows, never read,
    /// take the upper half. The diodes make the rows open-drain: a row driven high is cut off, so two keys pressed in
    /// one column never short a high row to a low one. Idle, every row is low and one read of GPIOA tells whether
    /// any key is down; only then is each row driven low on its own to find which.
    /// </summary>
    public static class ExpanderKeypadPort
    {
        /// <summary>Port A direction: GPA0-GPA3 inputs (columns), GPA4-GPA7 outputs (rows).</summary>
        public const byte Direction = 0x0F;

        /// <summary>Port A pull-ups: on for the column inputs.</summary>
        public const byte PullUps = 0x0F;

        /// <summary>Port A latch with every row low (idle: any key pulls its column low).</summary>
        public const byte AllRowsLow = 0x00;

        private const int FirstRowBit = 4;
        private const int ColumnMask = 0x0F;

        /// <summary>The port A latch that drives one row low and the others high (cut off by their diodes).</summary>
        /// <param name="row">0..3.</param>
        /// <returns>The OLATA value.</returns>
        public static byte SelectRow(int row)
        {
            if (row < 0 || row >= KeypadMatrix.Rows)
            {
                throw new System.ArgumentOutOfRangeException("row");
            }

            return (byte)(0xF0 & ~(1 << (FirstRowBit + row)));
        }

        /// <summary>The columns read as pressed (bit c = column c) from a GPIOA reading.</summary>
        /// <param name="gpioA">The GPIOA register.</param>
        /// <returns>The pressed columns.</returns>
        public static int PressedColumns(byte gpioA)
        {
            return ~gpioA & ColumnMask;
        }
    }
}
