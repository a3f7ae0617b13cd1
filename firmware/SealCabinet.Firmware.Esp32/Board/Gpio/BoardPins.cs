namespace SealCabinet.Firmware.Esp32.Board.Gpio
{
    /// <summary>
    /// GPIO assignment for an ESP32-WROVER (PSRAM) board; docs/technician-guide.md has the same table with wiring
    /// notes. Avoided: 6-11 (SPI flash), 16/17 (PSRAM), 1/3 (UART0: nanoFramework's debugger and deployment link),
    /// and the strapping pins 0, 2, 12, 15 for anything that could pull them at reset (5 only for a normally-open button
    /// held high by its pull-up, its own boot level). Inputs 34-39 are
    /// input-only without internal pull-ups, so their switches carry external 10 kΩ pull-ups.
    /// </summary>
    public static class BoardPins
    {
        /// <summary>Solenoid driver of sleeve 1 (MOSFET gate, 100 kΩ pull-down: locked at reset).</summary>
        public const int Solenoid1 = 25;

        /// <summary>Solenoid driver of sleeve 2.</summary>
        public const int Solenoid2 = 26;

        /// <summary>Solenoid driver of sleeve 3.</summary>
        public const int Solenoid3 = 27;

        /// <summary>Camera illumination / trigger output.</summary>
        public const int CameraTrigger = 32;

        /// <summary>Status LED (through 330 Ω).</summary>
        public const int StatusLed = 33;

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
