using System.Threading;
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

            // The firmware validates the same file again in Boot and owns the fault handling; here it only says
            // where the network is. An unusable file leaves an offline board and the firmware in its fault state.
            ProvisioningResult provisioning = ProvisioningFile.Decode(flash.ReadAll(ProvisioningFile.FileName));
            DeviceConfiguration? config = provisioning.IsValid ? provisioning.Configuration : null;
            if (config != null)
            {
                NetworkStartup.ConnectWifi(config.WifiSsid, config.WifiPassword, WifiTimeoutMs);
                NetworkStartup.StartTimeHint();
                Esp32Board.AttachNetwork(board, config.MqttHost, (int)config.MqttPort, config.MqttTls, flash.ReadAll(Esp32Board.CaCertificateFile));
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
    }
}
