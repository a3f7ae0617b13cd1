using SealCabinet.Firmware.Core.Evidence;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>
    /// The commissioning self-test and the seal identity check. The self-test runs on the first boot of a new
    /// identity, on the boot that applies a file with run_self_test, and on <see cref="RequestSelfTest()"/>.
    /// Sleeve by sleeve it pulses the solenoid for <see cref="SelfTestPulseMs"/>, but only while the seal is
    /// seated and the sleeve is locked with no grant (grants wait in the queue during a pulse); it reads the seat,
    /// press and (when fitted) seal-identity sensors and records one SELF_TEST event per sleeve, then one summary
    /// SELF_TEST event with sleeve 0, for which it takes a test frame from the camera and checks that it is a JPEG.
    /// Details are "key=value" pairs separated by spaces (docs/firmware.md).
    /// </summary>
    public sealed partial class CabinetFirmware
    {
        /// <summary>How long the self-test energises each solenoid.</summary>
        public const long SelfTestPulseMs = 300;

        private readonly string[] _selfTestResults = new string[CabinetBoard.SleeveCount];
        private string _selfTestTrigger = string.Empty;
        private int _selfTestSleeve;
        private long _selfTestPulseUntil = -1;

        /// <summary>True from a self-test request until its summary event is recorded.</summary>
        public bool SelfTestRunning
        {
            get { return _selfTestTrigger.Length > 0; }
        }

        /// <summary>The detail of the last summary SELF_TEST event recorded since boot (empty when none).</summary>
        public string LastSelfTestSummary { get; private set; } = string.Empty;

        /// <summary>Maintenance trigger: runs the self-test in the next ticks (ignored when not running or already testing).</summary>
        public void RequestSelfTest()
        {
            RequestSelfTest("maintenance");
        }

        private static string KindName(SealKind kind)
        {
            switch (kind)
            {
                case SealKind.Party: return "party";
                case SealKind.Committee: return "committee";
                case SealKind.Cooperative: return "cooperative";
                default: return "unknown";
            }
        }

        private void RequestSelfTest(string trigger)
        {
            if (State != FirmwareState.Running || _selfTestTrigger.Length > 0)
            {
                return;
            }

            _selfTestTrigger = trigger;
            _selfTestSleeve = 1;
            _selfTestPulseUntil = -1;
        }

        private void StopSelfTest()
        {
            if (_selfTestPulseUntil >= 0 && _selfTestSleeve >= 1 && _selfTestSleeve <= CabinetBoard.SleeveCount)
            {
                _board.Solenoids[_selfTestSleeve - 1].Write(false);
            }

            _selfTestTrigger = string.Empty;
            _selfTestSleeve = 0;
            _selfTestPulseUntil = -1;
        }

        private void StepSelfTest(long now)
        {
            if (_selfTestTrigger.Length == 0)
            {
                return;
            }

            if (_selfTestPulseUntil >= 0)
            {
                if (now < _selfTestPulseUntil)
                {
                    return;
                }

                _board.Solenoids[_selfTestSleeve - 1].Write(false);
                _selfTestPulseUntil = -1;
                ReportSleeve(_selfTestSleeve, "pulsed-" + SelfTestPulseMs.ToString() + "ms");
                _selfTestSleeve++;
            }

            while (_selfTestSleeve <= CabinetBoard.SleeveCount)
            {
                int i = _selfTestSleeve - 1;
                bool seated = _debouncers[i + 3].Stable;
                if (seated && _sleeves[i].IsIdle)
                {
                    _board.Solenoids[i].Write(true);
                    _selfTestPulseUntil = now + SelfTestPulseMs;
                    return;
                }

                ReportSleeve(_selfTestSleeve, seated ? "skipped-busy" : "skipped-no-seal");
                _selfTestSleeve++;
            }

            ReportSummary();
            _selfTestTrigger = string.Empty;
            _selfTestSleeve = 0;
        }

        private void ReportSleeve(int sleeve, string solenoid)
        {
            int i = sleeve - 1;
            bool seated = _debouncers[i + 3].Stable;
            bool pressed = _debouncers[i].Stable;
            SealKind expected = _sleeves[i].SealKind;
            string id = "none";
            bool wrongSeal = false;
            if (_board.SealIdentifier != null)
            {
                SealKind found = seated ? _board.SealIdentifier.Identify(sleeve) : SealKind.Unspecified;
                id = KindName(found);
                wrongSeal = found != SealKind.Unspecified && found != expected;
            }

            string result;
            if (solenoid == "skipped-busy")
            {
                result = "skipped";
            }
            else
            {
                result = seated && !pressed && !wrongSeal && solenoid.StartsWith("pulsed") ? "pass" : "fail";
            }

            _selfTestResults[i] = result;
            DeviceEvent e = new DeviceEvent();
            e.Type = EventType.SelfTest;
            e.Sleeve = (uint)sleeve;
            e.SealKind = expected;
            e.Detail = "sleeve=" + sleeve.ToString() + " solenoid=" + solenoid + " seat=" + (seated ? "seated" : "empty")
                + " press=" + (pressed ? "stuck" : "released") + " id=" + id + " expect=" + KindName(expected) + " result=" + result;
            Raise(e);
        }

        private void ReportSummary()
        {
            bool tamperOpen = _debouncers[6].Stable;
            string overall = tamperOpen ? "fail" : "pass";
            string sleeves = string.Empty;
            for (int i = 0; i < _selfTestResults.Length; i++)
            {
                sleeves += (i == 0 ? string.Empty : ",") + _selfTestResults[i];
                if (_selfTestResults[i] == "fail")
                {
                    overall = "fail";
                }
                else if (_selfTestResults[i] == "skipped" && overall == "pass")
                {
                    overall = "incomplete";
                }
            }

            // A cabinet provisioned to photograph every stamping fails without a working camera; one without
            // evidence capture only reports it.
            string camera = CheckCamera();
            if (_config!.EvidenceCapture && !camera.StartsWith("ok-"))
            {
                overall = "fail";
            }

            DeviceEvent e = new DeviceEvent();
            e.Type = EventType.SelfTest;
            e.Detail = "summary trigger=" + _selfTestTrigger + " result=" + overall + " sleeves=" + sleeves + " tamper=" + (tamperOpen ? "open" : "closed")
                + " camera=" + camera + " seal-id=" + (_board.SealIdentifier == null ? "none" : "fitted")
                + " firmware=" + FirmwareVersion.Value;
            LastSelfTestSummary = e.Detail;
            Raise(e);
        }

        /// <summary>
        /// Takes a test frame (trigger pulsed as for evidence; the frame is neither kept nor recorded) and names the
        /// outcome: "none" (no camera seam), "capture-failed" (no frame), "not-jpeg", or "ok-WIDTHxHEIGHT".
        /// </summary>
        private string CheckCamera()
        {
            if (_board.Camera == null)
            {
                return "none";
            }

            SetOutput(_board.CameraTrigger, true);
            byte[]? frame = _board.Camera.Capture(EvidenceKind.Unspecified);
            SetOutput(_board.CameraTrigger, false);
            if (frame == null || frame.Length == 0)
            {
                return "capture-failed";
            }

            int width;
            int height;
            if (!JpegFrame.TryReadSize(frame, out width, out height))
            {
                return "not-jpeg";
            }

            return "ok-" + width.ToString() + "x" + height.ToString();
        }

        /// <summary>WRONG_SEAL_RETURNED when the identity seam names another kind than the sleeve's.</summary>
        private void CheckSealIdentity(int sleeve, string when)
        {
            if (_board.SealIdentifier == null)
            {
                return;
            }

            SealKind expected = _sleeves[sleeve - 1].SealKind;
            SealKind found = _board.SealIdentifier.Identify(sleeve);
            if (found == SealKind.Unspecified || found == expected)
            {
                return;
            }

            DeviceEvent e = new DeviceEvent();
            e.Type = EventType.WrongSealReturned;
            e.Sleeve = (uint)sleeve;
            e.SealKind = expected;
            e.Detail = "sleeve " + sleeve.ToString() + " holds a " + KindName(found) + " seal, provisioned for " + KindName(expected) + " (" + when + ")";
            Raise(e);
        }
    }
}
