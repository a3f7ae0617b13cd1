using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>Reads back the photo the camera module took after the firmware pulsed the camera trigger.</summary>
    public interface ICameraCapture
    {
        /// <summary>Returns the JPEG of the last triggered shot.</summary>
        /// <param name="kind">What the photo shows (document before/after, person; Unspecified for the self-test's test frame).</param>
        /// <returns>The JPEG bytes, or null when the camera failed.</returns>
        byte[]? Capture(EvidenceKind kind);
    }
}
