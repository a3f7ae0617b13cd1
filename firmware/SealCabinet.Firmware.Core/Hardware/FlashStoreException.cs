using System;

namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>A flash store operation failed (no space left, or an I/O error).</summary>
    public class FlashStoreException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="message">What failed, naming the file.</param>
        public FlashStoreException(string message) : base(message)
        {
        }
    }
}
