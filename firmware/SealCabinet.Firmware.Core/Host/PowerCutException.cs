using System;

namespace SealCabinet.Firmware.Core.Host
{
    /// <summary>
    /// Thrown by <see cref="InMemoryFlashStore"/> when a simulated power cut strikes: it unwinds the
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
