using System.Device.Gpio;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Esp32.Board.Camera;
using SealCabinet.Firmware.Esp32.Board.Clock;
using SealCabinet.Firmware.Esp32.Board.Crypto;
using SealCabinet.Firmware.Esp32.Board.Expander;
using SealCabinet.Firmware.Esp32.Board.Gpio;
using SealCabinet.Firmware.Esp32.Board.Http;
using SealCabinet.Firmware.Esp32.Board.I2c;
using SealCabinet.Firmware.Esp32.Board.Keypad;
using SealCabinet.Firmware.Esp32.Board.Memory;
using SealCabinet.Firmware.Esp32.Board.Mqtt;
using SealCabinet.Firmware.Esp32.Board.Nfc;
using SealCabinet.Firmware.Esp32.Board.Storage;

namespace SealCabinet.Firmware.Esp32.Board
{
    /// <summary>
    /// Builds the core's <see cref="CabinetBoard"/> from nanoFramework drivers, in two steps: the local parts at
    /// power-up (outputs first, so every solenoid gate is driven low at once, then the I2C expander's outputs; then
    /// inputs, flash, clocks, MAC, PIN pad, card reader, camera), and the network parts once the provisioning file has
    /// said where the cloud is.
    /// </summary>
    public static class Esp32Board
    {
        /// <summary>Flash drive of the internal LittleFS partition.</summary>
        public const string FlashRoot = "I:\\";

        /// <summary>File on drive I: holding the CA certificate (PEM) that signed the gateway's and the broker's certificates.</summary>
        public const string CaCertificateFile = "ca.pem";

        /// <summary>UART speed of the camera: the VC0706 modules' factory default, so a new module needs no setup.</summary>
        public const int CameraBaudRate = 38400;

        /// <summary>Largest JPEG read back from the camera.</summary>
        public const int MaxImageBytes = 96 * 1024;

        /// <summary>Whole-request timeout of gRPC-Web calls.</summary>
        public const int HttpTimeoutMs = 30000;

        /// <summary>Largest gRPC-Web response accepted.</summary>
        public const int MaxResponseBytes = 64 * 1024;

        /// <summary>
        /// Creates the outputs, inputs, flash store, clocks, random source, MAC, memory monitor, PIN pad, card reader and
        /// camera; starts the keypad's scanning and the card reader's polling threads.
        /// </summary>
        /// <param name="withCamera">False when the cabinet has no camera module fitted.</param>
        /// <returns>The board; <see cref="CabinetBoard.Http"/> and <see cref="CabinetBoard.Mqtt"/> are still null.</returns>
        public static CabinetBoard CreateLocalParts(bool withCamera)
        {
            GpioController gpio = new GpioController();
            CabinetBoard board = new CabinetBoard();
            board.Solenoids = new IDigitalOutput[]
            {
                new GpioOutput(gpio, BoardPins.Solenoid1),
                new GpioOutput(gpio, BoardPins.Solenoid2),
                new GpioOutput(gpio, BoardPins.Solenoid3),
            };
            board.Buzzer = new GpioOutput(gpio, BoardPins.Buzzer);

            // The I2C bus and the expander's outputs next: its port B drives the sleeve LEDs, the status LED and the
            // camera trigger low before any pin of it becomes an output. An expander that does not answer now is set up
            // by the keypad thread's configuration check as soon as it does.
            SharedI2cBus i2c = new SharedI2cBus(BoardPins.I2cData, BoardPins.I2cClock);
            Mcp23017Expander expander = new Mcp23017Expander(i2c.Open(BoardPins.ExpanderAddress));
            expander.Configure();
            board.SleeveLeds = new IDigitalOutput?[]
            {
                new ExpanderOutput(expander, BoardPins.ExpanderSleeveLed1),
                new ExpanderOutput(expander, BoardPins.ExpanderSleeveLed2),
                new ExpanderOutput(expander, BoardPins.ExpanderSleeveLed3),
            };
            board.StatusLed = new ExpanderOutput(expander, BoardPins.ExpanderStatusLed);
            board.CameraTrigger = new ExpanderOutput(expander, BoardPins.ExpanderCameraTrigger);

            // Press switches and the tamper loop sit on input-only pins 34-39 with external pull-ups. The inputs report
            // raw edges: the core debounces them all (press_debounce_ms, 30 ms by default).
            board.PressSensors = new IDigitalInput[]
            {
                new GpioInput(gpio, BoardPins.Press1, false, true),
                new GpioInput(gpio, BoardPins.Press2, false, true),
                new GpioInput(gpio, BoardPins.Press3, false, true),
            };
            board.SeatSensors = new IDigitalInput[]
            {
                new GpioInput(gpio, BoardPins.Seated1, true, true),
                new GpioInput(gpio, BoardPins.Seated2, true, true),
                new GpioInput(gpio, BoardPins.Seated3, true, true),
            };

            // The tamper loop is closed (pin low) while the door is shut, so an open door or a cut wire reads high.
            board.StampButtons = new IDigitalInput[]
            {
                new GpioInput(gpio, BoardPins.Stamp1, true, true),
                new GpioInput(gpio, BoardPins.Stamp2, true, true),
                new GpioInput(gpio, BoardPins.Stamp3, false, true),
            };
            board.TamperSwitch = new GpioInput(gpio, BoardPins.Tamper, false, false);

            LittleFsFlashStore flash = new LittleFsFlashStore(FlashRoot);
            flash.RecoverInterruptedReplaces();
            board.Flash = flash;
            board.Clock = new TickClock();

            // Always present on this board: a clock that does not answer reads as "no time" (a fault the firmware
            // records), a reader that does not answer is retried by its thread.
            board.RealTimeClock = new Ds3231Clock(i2c.Open(BoardPins.ClockAddress));
            ExpanderKeypad keypad = new ExpanderKeypad(expander);
            keypad.Start();
            board.Keypad = keypad;
            Pn532CardReader cardReader = new Pn532CardReader(i2c.Open(BoardPins.CardReaderAddress));
            cardReader.Start();
            board.CardReader = cardReader;
            board.Random = new RuntimeRandom();
            board.Mac = new NativeMacProvider();
            board.SystemStatus = new RuntimeSystemStatus();
            if (withCamera)
            {
                board.Camera = new Vc0706Camera(BoardPins.CameraUartTx, BoardPins.CameraUartRx, CameraBaudRate, MaxImageBytes);
            }

            return board;
        }

        /// <summary>Adds the gRPC-Web transport and the MQTT channel.</summary>
        /// <param name="board">The board from <see cref="CreateLocalParts"/>.</param>
        /// <param name="mqttHost">Broker host.</param>
        /// <param name="mqttPort">Broker port.</param>
        /// <param name="mqttTls">Whether the broker speaks TLS.</param>
        /// <param name="caCertificate">CA certificate (PEM or DER) for the gateway and the broker; null only without TLS.</param>
        public static void AttachNetwork(CabinetBoard board, string mqttHost, int mqttPort, bool mqttTls, byte[]? caCertificate)
        {
            board.Http = new HttpClientTransport(caCertificate, HttpTimeoutMs, MaxResponseBytes);
            board.Mqtt = new M2MqttChannel(mqttHost, mqttPort, mqttTls, caCertificate);
        }
    }
}
