namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// Database settings (configuration section <c>Database</c>, or <c>ConnectionStrings:SealCabinet</c>);
/// no connection string means the embedded PostgreSQL cluster.
/// </summary>
internal sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Npgsql connection string of an external PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Embedded cluster: the loopback port (0 picks a free one).</summary>
    public int EmbeddedPort { get; set; }

    /// <summary>Embedded cluster: where initdb/pg_ctl live (default: found on the machine).</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>Embedded cluster: the database name.</summary>
    public string EmbeddedDatabase { get; set; } = "sealcabinet";

    public bool IsEmbedded => string.IsNullOrWhiteSpace(ConnectionString);
}
