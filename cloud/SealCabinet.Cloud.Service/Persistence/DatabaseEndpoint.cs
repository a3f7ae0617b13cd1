using Microsoft.Extensions.Options;

namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>The connection string in use: the configured one, or the embedded cluster's once it has started.</summary>
internal sealed class DatabaseEndpoint(IOptions<DatabaseOptions> options, IConfiguration configuration)
{
    private string? _embedded;

    public string? Configured { get; } =
        !string.IsNullOrWhiteSpace(options.Value.ConnectionString) ? options.Value.ConnectionString
        : configuration.GetConnectionString("SealCabinet") is { Length: > 0 } named ? named
        : null;

    public bool IsEmbedded => Configured is null;

    public string ConnectionString =>
        Configured ?? _embedded ?? throw new InvalidOperationException("The embedded PostgreSQL cluster has not started yet.");

    public void UseEmbedded(string connectionString) => _embedded = connectionString;
}
