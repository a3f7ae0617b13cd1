using System;

namespace SealCabinet.Firmware.Core.Codec
{
    /// <summary>Raised when bytes are not a well-formed encoding of the expected message.</summary>
    public class ProtoDecodeException : Exception
    {
        /// <summary>Creates the exception with a message naming what was wrong.</summary>
        /// <param name="message">What was wrong and where.</param>
        public ProtoDecodeException(string message) : base(message)
        {
        }
    }
}
