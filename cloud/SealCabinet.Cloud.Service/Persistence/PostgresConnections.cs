using Npgsql;

namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// Plain Npgsql connections for the hot paths (event ingestion, evidence chunks, LISTEN) that bypass the EF
/// change tracker. Created on first use because the embedded cluster's address is known only once it runs.
/// </summary>
internal sealed class PostgresConnections(DatabaseEndpoint endpoint) : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _source = new(() => NpgsqlDataSource.Create(endpoint.ConnectionString));

    public string ConnectionString => endpoint.ConnectionString;

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => _source.Value.OpenConnectionAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (_source.IsValueCreated)
        {
            await _source.Value.DisposeAsync();
        }
    }
}
