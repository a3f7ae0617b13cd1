namespace SealCabinet.Firmware.Core.Hardware.Parts
{
    /// <summary>
    /// The register map of the MCP23017 16-bit I/O expander with IOCON.BANK = 0, its power-on default (Microchip
    /// datasheet DS20001952, "Control register summary (IOCON.BANK = 0)"): the A and B registers of each kind are paired
    /// at consecutive addresses, and with IOCON.SEQOP = 0 (also the default) the address pointer advances after each byte,
    /// so IODIRA and IODIRB are written in one transfer. At power-on and reset every pin is an input (IODIR = FF),
    /// pull-ups off, output latches 0. The datasheet (revision D onwards) makes GPA7 and GPB7 output-only: an input
    /// there can corrupt SDA during a read, so this firmware uses both as outputs only.
    /// </summary>
    public static class Mcp23017Registers
    {
        /// <summary>Base 7-bit I2C address (A2 A1 A0 all tied low).</summary>
        public const int I2cAddress = 0x20;

        /// <summary>Direction of port A (1 = input).</summary>
        public const byte IoDirA = 0x00;

        /// <summary>Direction of port B (1 = input).</summary>
        public const byte IoDirB = 0x01;

        /// <summary>Input polarity of port A (1 = inverted).</summary>
        public const byte IPolA = 0x02;

        /// <summary>100 kΩ pull-up enable of port A (1 = on).</summary>
        public const byte GpPuA = 0x0C;

        /// <summary>100 kΩ pull-up enable of port B.</summary>
        public const byte GpPuB = 0x0D;

        /// <summary>Pin levels of port A (a write goes to OLATA).</summary>
        public const byte GpioA = 0x12;

        /// <summary>Output latch of port A.</summary>
        public const byte OLatA = 0x14;

        /// <summary>Output latch of port B.</summary>
        public const byte OLatB = 0x15;

        /// <summary>IODIR value at power-on and after reset: every pin an input.</summary>
        public const byte IoDirResetValue = 0xFF;
    }
}
