using System;

namespace SealCabinet.Firmware.Host.Power
{
    /// <summary>
    /// Thrown by <see cref="Flash.InMemoryFlashStore"/> when a simulated power cut strikes: it unwinds the
    /// firmware like a stopped CPU. It deliberately does not derive from FlashStoreException, so the core
    /// cannot catch and survive it.
    /// </summary>
    public sealed class PowerCutException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public PowerCutException() : base("power cut")
        {
        }
    }
}
