namespace SealCabinet.LocalServices;

/// <summary>Where and how a private PostgreSQL cluster runs.</summary>
public sealed class PostgresClusterOptions
{
    /// <summary>The cluster's data directory; an existing cluster there is reused.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Loopback port; 0 picks a free one at every start.</summary>
    public int Port { get; init; }

    /// <summary>Directory of initdb/pg_ctl/postgres; null searches PATH and /usr/lib/postgresql/*/bin.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Extra server settings (<c>name</c> → <c>value</c>) passed as <c>-c name=value</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
