using Npgsql;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Evidence;

/// <summary>Evidence bytes in the <c>evidence_chunks</c> table, one row per uploaded part.</summary>
internal sealed class PostgresEvidenceStore(PostgresConnections database) : IEvidenceStore
{
    private const string PutSql = """
        INSERT INTO evidence_chunks (device_id, evidence_id, "offset", data) VALUES ($1, $2, $3, $4)
        ON CONFLICT (device_id, evidence_id, "offset") DO UPDATE SET data = EXCLUDED.data
        """;

    private const string ReadSql = """SELECT "offset", data FROM evidence_chunks WHERE device_id = $1 AND evidence_id = $2 ORDER BY "offset" """;

    public async Task PutChunkAsync(string deviceId, string evidenceId, int offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = new NpgsqlCommand(PutSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = deviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = evidenceId });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = data.ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<byte[]> ReadAsync(string deviceId, string evidenceId, int size, CancellationToken ct)
    {
        var whole = new byte[size];
        var filled = 0;
        await using var connection = await database.OpenAsync(ct);
        await using var command = new NpgsqlCommand(ReadSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = deviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = evidenceId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct) && filled < size)
        {
            var offset = reader.GetInt32(0);
            var data = reader.GetFieldValue<byte[]>(1);
            if (offset > filled)
            {
                break;
            }

            var skip = filled - offset;
            var take = Math.Min(data.Length - skip, size - filled);
            if (take > 0)
            {
                Array.Copy(data, skip, whole, filled, take);
                filled += take;
            }
        }

        return filled == size ? whole : throw new InvalidOperationException($"evidence {deviceId}/{evidenceId} has {filled} of {size} bytes stored");
    }
}
