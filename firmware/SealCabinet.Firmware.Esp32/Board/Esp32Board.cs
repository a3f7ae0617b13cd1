using System.Device.Gpio;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Esp32.Board.Camera;
using SealCabinet.Firmware.Esp32.Board.Clock;
using SealCabinet.Firmware.Esp32.Board.Crypto;
using SealCabinet.Firmware.Esp32.Board.Gpio;
using SealCabinet.Firmware.Esp32.Board.Http;
using SealCabinet.Firmware.Esp32.Board.Memory;
using SealCabinet.Firmware.Esp32.Board.Mqtt;
using SealCabinet.Firmware.Esp32.Board.Storage;

namespace SealCabinet.Firmware.Esp32.Board
{
    /// <summary>
    /// Builds the core's <see cref="CabinetBoard"/> from nanoFramework drivers, in two steps: the local parts at
    /// power-up (outputs first, so every solenoid gate is driven low at once; then inputs, flash, clock, MAC,
    /// camera), and the network parts once the provisioning file has said where the cloud is.
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

        /// <summary>Creates the outputs, inputs, flash store, clock, random source, MAC, memory monitor and camera.</summary>
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
            board.CameraTrigger = new GpioOutput(gpio, BoardPins.CameraTrigger);
            board.StatusLed = new GpioOutput(gpio, BoardPins.StatusLed);
            board.Buzzer = new GpioOutput(gpio, BoardPins.Buzzer);

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
