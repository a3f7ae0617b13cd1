using SealCabinet.Firmware.Core.Crypto;

namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// Everything the core needs from the board, as seams. The ESP32 board layer fills it with
    /// nanoFramework drivers (GPIO, LittleFS, HttpClient, M2Mqtt, native HMAC); the simulator and the tests
    /// with simulated parts. Sleeve arrays are indexed 0..2 for sleeves 1..3.
    /// </summary>
    public sealed class CabinetBoard
    {
        /// <summary>Number of sleeves in a cabinet.</summary>
        public const int SleeveCount = 3;

        /// <summary>Solenoid drivers, one per sleeve.</summary>
        public IDigitalOutput[] Solenoids { get; set; } = new IDigitalOutput[SleeveCount];

        /// <summary>Press sensors, one per sleeve (true = pressed).</summary>
        public IDigitalInput[] PressSensors { get; set; } = new IDigitalInput[SleeveCount];

        /// <summary>Seal-seated sensors, one per sleeve (true = seal in its seat).</summary>
        public IDigitalInput[] SeatSensors { get; set; } = new IDigitalInput[SleeveCount];

        /// <summary>Stamp buttons, one per sleeve (true = pressed): a READY sleeve unlocks only when its button is pressed.</summary>
        public IDigitalInput[] StampButtons { get; set; } = new IDigitalInput[SleeveCount];

        /// <summary>READY lights, one per sleeve (an entry may be null on a board without them).</summary>
        public IDigitalOutput?[] SleeveLeds { get; set; } = new IDigitalOutput?[SleeveCount];

        /// <summary>Enclosure tamper switch (true = open).</summary>
        public IDigitalInput? TamperSwitch { get; set; }

        /// <summary>Camera trigger output.</summary>
        public IDigitalOutput? CameraTrigger { get; set; }

        /// <summary>Status LED.</summary>
        public IDigitalOutput? StatusLed { get; set; }

        /// <summary>Buzzer.</summary>
        public IDigitalOutput? Buzzer { get; set; }

        /// <summary>PIN pad (optional): custodians authenticate with a PIN where the village's policy asks for one.</summary>
        public IKeypad? Keypad { get; set; }

        /// <summary>NFC card reader (optional): custodians authenticate with their card where the village's policy asks for one.</summary>
        public ICardReader? CardReader { get; set; }

        /// <summary>
        /// Document scanner over the tray (optional): a higher-quality capture of the page than the camera's; when present
        /// the document photos (before and after stamping) come from it and the person photo from the camera.
        /// </summary>
        public ICameraCapture? DocumentScanner { get; set; }

        /// <summary>Battery-backed real-time clock (optional): trusted time right after a power cut.</summary>
        public IRealTimeClock? RealTimeClock { get; set; }

        /// <summary>Monotonic clock.</summary>
        public IMonotonicClock? Clock { get; set; }

        /// <summary>Flash file store.</summary>
        public IFlashStore? Flash { get; set; }

        /// <summary>HTTP transport for gRPC-Web.</summary>
        public IHttpTransport? Http { get; set; }

        /// <summary>MQTT channel for grants and status.</summary>
        public IMqttChannel? Mqtt { get; set; }

        /// <summary>Camera read-back; null when the cabinet has no camera.</summary>
        public ICameraCapture? Camera { get; set; }

        /// <summary>HMAC-SHA256 implementation (native on the ESP32).</summary>
        public IMacProvider? Mac { get; set; }

        /// <summary>Random source.</summary>
        public IRandomSource? Random { get; set; }

        /// <summary>
        /// Tells which seal kind sits in a sleeve (ID resistor, 1-Wire chip, …); null when the cabinet cannot
        /// tell, and then no WRONG_SEAL_RETURNED alarm is ever raised.
        /// </summary>
        public ISealIdentifier? SealIdentifier { get; set; }

        /// <summary>The network link (Wi-Fi); null when the board cannot tell, and then the LED never shows "Wi-Fi down".</summary>
        public INetworkLink? NetworkLink { get; set; }

        /// <summary>Free heap and reset cause; null when the board cannot tell (reported as 0 and "unknown").</summary>
        public ISystemStatus? SystemStatus { get; set; }
    }
}
