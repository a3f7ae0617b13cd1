using System.Threading;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Esp32.Board;
using SealCabinet.Firmware.Esp32.Board.Watchdog;

namespace SealCabinet.Firmware.Esp32
{
    /// <summary>Entry point of the cabinet image: brings the board up and keeps the watchdog fed.</summary>
    public static class Program
    {
        private const int WatchdogStallMs = 120000;
        private const int LoopPeriodMs = 250;

        /// <summary>Runs the cabinet; never returns (nanoFramework reboots a returning Main into the debugger wait).</summary>
        public static void Main()
        {
            CabinetBoard board = Esp32Board.CreateLocalParts(30, true);
            SoftwareWatchdog watchdog = new SoftwareWatchdog(WatchdogStallMs);
            watchdog.Start();
            IDigitalOutput led = board.StatusLed!;
            bool lit = false;
            while (true)
            {
                watchdog.Feed();
                lit = !lit;
                led.Write(lit);
                Thread.Sleep(LoopPeriodMs);
            }
        }
    }
}
