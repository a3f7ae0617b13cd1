namespace SealCabinet.Firmware.Host.Power;

/// <summary>
/// Thrown by a part of the board when its power is gone: it unwinds the firmware like a stopped CPU. It does not
/// derive from the core's FlashStoreException on purpose, so the firmware cannot catch it and carry on.
/// </summary>
public sealed class PowerLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PowerLostException()
        : base("the board lost power")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was interrupted.</param>
    public PowerLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was interrupted.</param>
    /// <param name="innerException">The cause.</param>
    public PowerLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
