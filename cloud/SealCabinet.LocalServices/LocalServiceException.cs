namespace SealCabinet.LocalServices;

/// <summary>A local server could not be found, started or stopped; the message says what to do.</summary>
public sealed class LocalServiceException : Exception
{
    /// <summary>Creates the exception with a message that names the cause and the remedy.</summary>
    public LocalServiceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying failure.</summary>
    public LocalServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
