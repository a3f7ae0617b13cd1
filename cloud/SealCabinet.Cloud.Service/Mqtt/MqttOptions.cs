namespace SealCabinet.Cloud.Service.Mqtt;

/// <summary>MQTT settings (configuration section <c>Mqtt</c>); no <see cref="Host"/> means the embedded broker.</summary>
internal sealed class MqttOptions
{
    public const string Section = "Mqtt";

    /// <summary>External broker host name; empty: run the embedded broker and connect to it.</summary>
    public string? Host { get; set; }

    /// <summary>External broker port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Use TLS to the external broker.</summary>
    public bool UseTls { get; set; }

    /// <summary>PEM file of the CA that signed the external broker's certificate (default: the system trust store).</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>The service's user name at the external broker.</summary>
    public string? Username { get; set; }

    /// <summary>The service's password at the external broker.</summary>
    public string? Password { get; set; }

    /// <summary>Client id prefix; each replica appends a unique suffix.</summary>
    public string ClientIdPrefix { get; set; } = "sealcabinet-cloud";

    /// <summary>Embedded broker: the address it listens on (loopback by default; 0.0.0.0 to reach real cabinets).</summary>
    public string EmbeddedAddress { get; set; } = "127.0.0.1";

    /// <summary>Embedded broker: the port it listens on; 0 picks a free port.</summary>
    public int EmbeddedPort { get; set; } = 1883;

    /// <summary>Embedded broker: at most one security event per cabinet this often for its refused logins.</summary>
    public TimeSpan RefusedLoginRecordInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsEmbedded => string.IsNullOrWhiteSpace(Host);

    /// <summary>
    /// True when no MQTT leaves this machine in clear: an external broker over TLS or on loopback, or the embedded broker
    /// listening on loopback only.
    /// </summary>
    public bool PlaintextStaysOnThisMachine => IsEmbedded ? IsLoopback(EmbeddedAddress) : UseTls || IsLoopback(Host!);

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
}
