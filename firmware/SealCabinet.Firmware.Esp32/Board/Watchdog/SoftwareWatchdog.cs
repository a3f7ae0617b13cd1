using System.Threading;
using nanoFramework.Runtime.Native;

namespace SealCabinet.Firmware.Esp32.Board.Watchdog
{
    /// <summary>
    /// Reboots a hung device. The ESP32 build of nanoFramework has no managed watchdog (nanoHAL Watchdog_Reset is
    /// a no-op there and the task watchdog is off in the default sdkconfig), so a thread checks that the main
    /// loop's heartbeat counter moved within the allowed stall time and calls <see cref="Power.RebootDevice()"/>
    /// otherwise. The journal and grant window are crash-safe, so a reboot loses nothing that was acknowledged.
    /// </summary>
    public sealed class SoftwareWatchdog
    {
        private readonly int _stallMs;
        private int _beats;

        /// <summary>Creates the watchdog; <see cref="Start"/> arms it.</summary>
        /// <param name="stallMs">How long the main loop may go without <see cref="Feed"/> before the reboot.</param>
        public SoftwareWatchdog(int stallMs)
        {
            _stallMs = stallMs;
        }

        /// <summary>Called by the main loop on every pass.</summary>
        public void Feed()
        {
            Interlocked.Increment(ref _beats);
        }

        /// <summary>Starts the supervising thread.</summary>
        public void Start()
        {
            Thread thread = new Thread(Run);
            thread.Priority = ThreadPriority.AboveNormal;
            thread.Start();
        }

        private void Run()
        {
            int last = Interlocked.CompareExchange(ref _beats, 0, 0);
            while (true)
            {
                Thread.Sleep(_stallMs);
                int now = Interlocked.CompareExchange(ref _beats, 0, 0);
                if (now == last)
                {
                    Power.RebootDevice();
                }

                last = now;
            }
        }
    }
}
