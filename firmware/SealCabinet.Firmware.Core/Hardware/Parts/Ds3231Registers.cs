namespace SealCabinet.Firmware.Core.Hardware.Parts
{
    /// <summary>
    /// The register map of the DS3231 real-time clock (Maxim/Analog Devices datasheet, "Timekeeping Registers" and the
    /// control and status registers). The time is kept in BCD in registers 0x00-0x06; the register pointer advances
    /// after each byte, so one read from 0x00 returns the time, the alarms, control and status in order.
    /// </summary>
    public static class Ds3231Registers
    {
        /// <summary>The chip's fixed 7-bit I2C address.</summary>
        public const int I2cAddress = 0x68;

        /// <summary>Seconds, BCD 00-59.</summary>
        public const byte Seconds = 0x00;

        /// <summary>Minutes, BCD 00-59.</summary>
        public const byte Minutes = 0x01;

        /// <summary>Hours: bit 6 selects 12-hour mode; in 24-hour mode BCD 00-23, in 12-hour mode bit 5 is PM and BCD 1-12.</summary>
        public const byte Hours = 0x02;

        /// <summary>Day of the week, 1-7 (the meaning of 1 is the user's; this firmware writes 1 = Monday).</summary>
        public const byte Day = 0x03;

        /// <summary>Date of the month, BCD 01-31.</summary>
        public const byte Date = 0x04;

        /// <summary>Month, BCD 01-12 in bits 4-0; bit 7 is the century bit.</summary>
        public const byte MonthCentury = 0x05;

        /// <summary>Year within the century, BCD 00-99.</summary>
        public const byte Year = 0x06;

        /// <summary>Control register (bit 7 EOSC, RS2/RS1, INTCN, alarm interrupt enables).</summary>
        public const byte Control = 0x0E;

        /// <summary>Control/status register (bit 7 OSF, bit 3 EN32kHz, bit 2 BSY, bits 1-0 alarm flags).</summary>
        public const byte Status = 0x0F;

        /// <summary>Number of time registers (0x00-0x06).</summary>
        public const int TimeRegisterCount = 7;

        /// <summary>Number of registers from 0x00 up to and including the status register.</summary>
        public const int RegistersThroughStatus = Status + 1;

        /// <summary>Hours register: 12-hour mode when set.</summary>
        public const byte Hours12HourMode = 0x40;

        /// <summary>Hours register in 12-hour mode: PM when set.</summary>
        public const byte HoursPm = 0x20;

        /// <summary>Month register: the century bit, toggled by the chip when the year rolls over from 99 to 00.</summary>
        public const byte MonthCenturyBit = 0x80;

        /// <summary>
        /// Control register: EOSC, active low. When set the oscillator stops as soon as the chip runs on its battery, so
        /// the time would be lost at the first power cut; it must be clear.
        /// </summary>
        public const byte ControlDisableOscillatorOnBattery = 0x80;

        /// <summary>
        /// Status register: OSF, oscillator stop flag. Set by the chip at first power-up and whenever the oscillator
        /// stopped (flat or missing battery during a power cut); it stays set until written to 0.
        /// </summary>
        public const byte StatusOscillatorStopped = 0x80;
    }
}
