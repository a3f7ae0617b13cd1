using System.Threading;
using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Configuration;
using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Esp32.Board;
using SealCabinet.Firmware.Esp32.Board.Network;
using SealCabinet.Firmware.Esp32.Board.Watchdog;

namespace SealCabinet.Firmware.Esp32
{
    /// <summary>
    /// Entry point of the cabinet image: board up (every solenoid low first), network from the provisioning file,
    /// then the core's <see cref="CabinetFirmware"/> ticking on this thread under the software watchdog.
    /// </summary>
    public static class Program
    {
        private const int TickIntervalMs = 20;
        private const int WifiTimeoutMs = 60000;

        // A tick can block inside one network call (HTTP timeout 30 s, MQTT connect with TLS); two minutes
        // without a completed tick means the main loop is hung.
        private const int WatchdogStallMs = 120000;

        /// <summary>Runs the cabinet; never returns.</summary>
        public static void Main()
        {
            CabinetBoard board = Esp32Board.CreateLocalParts(true);
            IFlashStore flash = board.Flash!;

            // The gate takes the same decision Boot takes (a refused re-provisioning keeps the applied file), so the
            // network comes from the configuration the firmware will run with. An unusable file leaves an offline
            // board and the firmware in its fault state.
            DeviceConfiguration? config = ProvisioningGate.Resolve(flash).Configuration;
            if (config != null)
            {
                board.NetworkLink = new WifiLink(NetworkStartup.ConnectWifi(config.WifiSsid, config.WifiPassword, WifiTimeoutMs));
                NetworkStartup.StartTimeHint();
                Esp32Board.AttachNetwork(board, config.MqttHost, (int)config.MqttPort, config.MqttTls, CaCertificate(config, flash));
            }
            else
            {
                Esp32Board.AttachNetwork(board, string.Empty, 0, false, null);
            }

            CabinetFirmware firmware = new CabinetFirmware(board);
            SoftwareWatchdog watchdog = new SoftwareWatchdog(WatchdogStallMs);
            watchdog.Start();
            firmware.Boot();
            while (true)
            {
                firmware.Tick();
                watchdog.Feed();
                Thread.Sleep(TickIntervalMs);
            }
        }

        // The CA certificate travels in the provisioning file; a separately deployed I:\ca.pem is the fallback for
        // files made before it had that field.
        private static byte[]? CaCertificate(DeviceConfiguration config, IFlashStore flash)
        {
            if (config.CaCertificatePem.Length > 0)
            {
                return Utf8.GetBytes(config.CaCertificatePem);
            }

            return flash.ReadAll(Esp32Board.CaCertificateFile);
        }
    }
}
