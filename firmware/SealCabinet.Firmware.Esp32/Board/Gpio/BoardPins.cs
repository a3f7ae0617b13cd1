namespace SealCabinet.Firmware.Esp32.Board.Gpio
{
    /// <summary>
    /// GPIO assignment for an ESP32-WROVER (PSRAM) board; docs/technician-guide.md has the same table with wiring
    /// notes. Avoided: 6-11 (SPI flash), 16/17 (PSRAM), 1/3 (UART0: nanoFramework's debugger and deployment link),
    /// and the strapping pins 0, 2, 12, 15 for anything that could pull them at reset (5 only for a normally-open button
    /// held high by its pull-up, its own boot level). Inputs 34-39 are
    /// input-only without internal pull-ups, so their switches carry external 10 kΩ pull-ups. Every GPIO is taken, so the
    /// PIN pad, the card reader, the real-time clock, the sleeve READY LEDs, the status LED and the camera trigger are reached
    /// over one I2C bus on GPIO 32/33: an MCP23017 expander, a PN532 reader and a DS3231 clock.
    /// </summary>
    public static class BoardPins
    {
        /// <summary>Solenoid driver of sleeve 1 (MOSFET gate, 100 kΩ pull-down: locked at reset).</summary>
        public const int Solenoid1 = 25;

        /// <summary>Solenoid driver of sleeve 2.</summary>
        public const int Solenoid2 = 26;

        /// <summary>Solenoid driver of sleeve 3.</summary>
        public const int Solenoid3 = 27;

        /// <summary>
        /// I2C1 SDA (external 4.7 kΩ pull-up to 3.3 V). GPIO 32/33 are the 32 kHz crystal pins, free as GPIO on WROVER
        /// boards without that crystal, and no strapping pins; they came free when the camera trigger and the status
        /// LED moved onto the expander.
        /// </summary>
        public const int I2cData = 32;

        /// <summary>I2C1 SCL (external 4.7 kΩ pull-up to 3.3 V).</summary>
        public const int I2cClock = 33;

        /// <summary>MCP23017 I/O expander (A2 A1 A0 to GND): port A the PIN pad, port B the outputs below.</summary>
        public const int ExpanderAddress = 0x20;

        /// <summary>PN532 NFC reader in I2C mode (fixed address).</summary>
        public const int CardReaderAddress = 0x24;

        /// <summary>DS3231 real-time clock (fixed address).</summary>
        public const int ClockAddress = 0x68;

        /// <summary>Expander GPB0: READY LED of sleeve 1 (LED + 330 Ω to GND, high = lit).</summary>
        public const int ExpanderSleeveLed1 = 0;

        /// <summary>Expander GPB1: READY LED of sleeve 2.</summary>
        public const int ExpanderSleeveLed2 = 1;

        /// <summary>Expander GPB2: READY LED of sleeve 3.</summary>
        public const int ExpanderSleeveLed3 = 2;

        /// <summary>Expander GPB3: status LED (LED + 330 Ω to GND, high = lit).</summary>
        public const int ExpanderStatusLed = 3;

        /// <summary>Expander GPB4: camera illumination / trigger (MOSFET gate via 100 Ω, 100 kΩ pull-down: off at reset).</summary>
        public const int ExpanderCameraTrigger = 4;

        /// <summary>Buzzer driver (NPN transistor base through 1 kΩ).</summary>
        public const int Buzzer = 13;

        /// <summary>Press sensor of sleeve 1 (switch to GND, external 10 kΩ pull-up).</summary>
        public const int Press1 = 34;

        /// <summary>Press sensor of sleeve 2.</summary>
        public const int Press2 = 35;

        /// <summary>Press sensor of sleeve 3.</summary>
        public const int Press3 = 36;

        /// <summary>Seal-seated sensor of sleeve 1 (reed switch to GND, internal pull-up).</summary>
        public const int Seated1 = 18;

        /// <summary>Seal-seated sensor of sleeve 2.</summary>
        public const int Seated2 = 19;

        /// <summary>Seal-seated sensor of sleeve 3.</summary>
        public const int Seated3 = 21;

        /// <summary>Stamp button of sleeve 1 (push button to GND, internal pull-up).</summary>
        public const int Stamp1 = 22;

        /// <summary>Stamp button of sleeve 2.</summary>
        public const int Stamp2 = 23;

        /// <summary>
        /// Stamp button of sleeve 3: strapping pin 5, whose boot level is high; the button is normally open and the
        /// external 10 kΩ pull-up keeps it high at reset (only holding it down through a reset would change the strap).
        /// </summary>
        public const int Stamp3 = 5;

        /// <summary>Enclosure tamper switch (closed while the door is shut, external 10 kΩ pull-up).</summary>
        public const int Tamper = 39;

        /// <summary>UART1 (COM2) TX to the camera module's RX.</summary>
        public const int CameraUartTx = 4;

        /// <summary>UART1 (COM2) RX from the camera module's TX.</summary>
        public const int CameraUartRx = 14;
    }
}
