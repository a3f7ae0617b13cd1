namespace SealCabinet.LocalServices;

/// <summary>How a private Mosquitto broker runs.</summary>
public sealed class MosquittoBrokerOptions
{
    /// <summary>Directory for the generated configuration and the log.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>A Mosquitto password file (mosquitto_passwd format); null for none.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>A Mosquitto ACL file; null for none.</summary>
    public string? AclFile { get; init; }

    /// <summary>Whether clients without credentials may connect (tests only).</summary>
    public bool AllowAnonymous { get; init; } = true;

    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Path of the mosquitto program; null searches PATH and /usr/sbin.</summary>
    public string? ExecutablePath { get; init; }
}
