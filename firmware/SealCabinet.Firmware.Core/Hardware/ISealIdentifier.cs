using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// Optional seam: identifies the seal sitting in a sleeve, e.g. by an ID resistor in the seal's holder read
    /// through an ADC, or a 1-Wire ID chip. The core asks it whenever a seal is seated (return, boot, self-test)
    /// and raises WRONG_SEAL_RETURNED when it names a kind other than the sleeve's provisioned one.
    /// Called on the firmware's thread; must return quickly (one ADC read or one 1-Wire transaction).
    /// </summary>
    public interface ISealIdentifier
    {
        /// <summary>The kind of the seal in a sleeve.</summary>
        /// <param name="sleeve">Sleeve number 1..3.</param>
        /// <returns>The kind, or <see cref="SealKind.Unspecified"/> when the sleeve is empty or the seal cannot be identified (never an alarm).</returns>
        SealKind Identify(int sleeve);
    }
}
