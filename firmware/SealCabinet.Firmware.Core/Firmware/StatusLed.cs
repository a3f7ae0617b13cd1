using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>
    /// Turns a <see cref="StatusLedPattern"/> into LED levels from the firmware's tick. A pattern starts from its
    /// beginning whenever it changes, so a counted code always begins with its first blink; the output is written
    /// only when its level changes. The timings are those of docs/technician-guide.md; the LED can only change
    /// on a tick (every 20 ms on the ESP32), and a tick blocked in a network call holds the current level.
    /// </summary>
    public sealed class StatusLed
    {
        /// <summary>Period of a counted code (2, 3 or 4 blinks).</summary>
        public const long CodePeriodMs = 2000;

        /// <summary>On time of one blink of a counted code.</summary>
        public const long CodeBlinkOnMs = 150;

        /// <summary>Off time after one blink of a counted code.</summary>
        public const long CodeBlinkOffMs = 250;

        private readonly IDigitalOutput? _output;
        private long _patternSince;
        private bool _written;

        /// <summary>Creates the driver; nothing is written until <see cref="Show"/>.</summary>
        /// <param name="output">The LED output (null when the board has none).</param>
        public StatusLed(IDigitalOutput? output)
        {
            _output = output;
        }

        /// <summary>The pattern shown.</summary>
        public StatusLedPattern Pattern { get; private set; }

        /// <summary>The level last written.</summary>
        public bool IsLit { get; private set; }

        /// <summary>Shows <paramref name="pattern"/> at uptime <paramref name="now"/> (restarting it when it changes).</summary>
        /// <param name="pattern">What to show.</param>
        /// <param name="now">Current uptime.</param>
        public void Show(StatusLedPattern pattern, long now)
        {
            if (!_written || pattern != Pattern)
            {
                Pattern = pattern;
                _patternSince = now;
            }

            bool lit = LitAt(pattern, now - _patternSince);
            if (!_written || lit != IsLit)
            {
                _written = true;
                IsLit = lit;
                if (_output != null)
                {
                    _output.Write(lit);
                }
            }
        }

        /// <summary>Whether <paramref name="pattern"/> has the LED lit <paramref name="elapsedMs"/> after it started.</summary>
        /// <param name="pattern">The pattern.</param>
        /// <param name="elapsedMs">Time since the pattern started (≥ 0).</param>
        /// <returns>True when lit.</returns>
        public static bool LitAt(StatusLedPattern pattern, long elapsedMs)
        {
            switch (pattern)
            {
                case StatusLedPattern.NotProvisioned:
                    return elapsedMs % 1000 < 500;
                case StatusLedPattern.WifiDown:
                    return Counted(2, elapsedMs);
                case StatusLedPattern.CloudUnreachable:
                    return Counted(3, elapsedMs);
                case StatusLedPattern.ClockUntrusted:
                    return Counted(4, elapsedMs);
                case StatusLedPattern.ProvisioningWaits:
                    return elapsedMs % 2000 < 1500;
                case StatusLedPattern.Unlocked:
                    return elapsedMs % 200 < 100;
                case StatusLedPattern.SleeveReady:
                    return elapsedMs % 1000 < 250;
                case StatusLedPattern.Alarm:
                    return elapsedMs % 100 < 50;
                default:
                    return true;
            }
        }

        /// <summary>The pattern's name as the simulator and the documentation write it (never Enum.ToString: nanoFramework prints the number).</summary>
        /// <param name="pattern">The pattern.</param>
        /// <returns>For example "cloud-unreachable".</returns>
        public static string NameOf(StatusLedPattern pattern)
        {
            switch (pattern)
            {
                case StatusLedPattern.NotProvisioned: return "not-provisioned";
                case StatusLedPattern.WifiDown: return "wifi-down";
                case StatusLedPattern.CloudUnreachable: return "cloud-unreachable";
                case StatusLedPattern.ClockUntrusted: return "clock-untrusted";
                case StatusLedPattern.ProvisioningWaits: return "provisioning-waits";
                case StatusLedPattern.Unlocked: return "unlocked";
                case StatusLedPattern.SleeveReady: return "sleeve-ready";
                case StatusLedPattern.Alarm: return "alarm";
                default: return "ready";
            }
        }

        private static bool Counted(int blinks, long elapsedMs)
        {
            long position = elapsedMs % CodePeriodMs;
            long blink = CodeBlinkOnMs + CodeBlinkOffMs;
            return position < blinks * blink && position % blink < CodeBlinkOnMs;
        }
    }
}
