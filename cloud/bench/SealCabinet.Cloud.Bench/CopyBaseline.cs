using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace SealCabinet.Cloud.Bench;

/// <summary>
/// The practical limit: the same rows written into device_events by bare binary COPY (no MAC, no chain check,
/// no locks), one writer per core, committed every 10,000 rows with synchronous_commit on. A separate chain
/// epoch keeps them apart from the pipeline's rows.
/// </summary>
internal static class CopyBaseline
{
    private const int RowsPerTransaction = 10_000;
    private const int Epoch = 101;

    public static async Task<PhaseResult> RunAsync(string connectionString, IReadOnlyList<BenchRow> rows)
    {
        var writers = Math.Max(1, Environment.ProcessorCount);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var share = rows.Where((_, i) => i % writers == w).ToList();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var receivedAt = DateTime.UtcNow;
            for (var offset = 0; offset < share.Count; offset += RowsPerTransaction)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using (var copy = await connection.BeginBinaryImportAsync(
                    "COPY device_events (device_id, chain_epoch, seq, event_type, sleeve, grant_id, grant_counter, press_count, device_time, uptime_ms, received_at, event_bytes, mac, event_hash, refusal_reason, evidence_id, evidence_kind, detail) FROM STDIN (FORMAT BINARY)"))
                {
                    foreach (var row in share.Skip(offset).Take(RowsPerTransaction))
                    {
                        await copy.StartRowAsync();
                        await copy.WriteAsync(row.DeviceId, NpgsqlDbType.Text);
                        await copy.WriteAsync(Epoch, NpgsqlDbType.Integer);
                        await copy.WriteAsync(row.Seq, NpgsqlDbType.Bigint);
                        await copy.WriteAsync(row.EventType, NpgsqlDbType.Integer);
                        await copy.WriteAsync(0, NpgsqlDbType.Integer);
                        await copy.WriteNullAsync();
                        await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
                        await copy.WriteAsync(0, NpgsqlDbType.Integer);
                        if (row.DeviceTime is { } time)
                        {
                            await copy.WriteAsync(time, NpgsqlDbType.TimestampTz);
                        }
                        else
                        {
                            await copy.WriteNullAsync();
                        }

                        await copy.WriteAsync(row.UptimeMs, NpgsqlDbType.Bigint);
                        await copy.WriteAsync(receivedAt, NpgsqlDbType.TimestampTz);
                        await copy.WriteAsync(row.EventBytes, NpgsqlDbType.Bytea);
                        await copy.WriteAsync(row.Mac, NpgsqlDbType.Bytea);
                        await copy.WriteAsync(row.Hash, NpgsqlDbType.Bytea);
                        await copy.WriteAsync(0, NpgsqlDbType.Integer);
                        await copy.WriteNullAsync();
                        await copy.WriteAsync(0, NpgsqlDbType.Integer);
                        await copy.WriteAsync(row.Detail, NpgsqlDbType.Text);
                    }

                    await copy.CompleteAsync();
                }

                await transaction.CommitAsync();
            }
        })));
        return new PhaseResult("bare binary COPY", rows.Count, Stopwatch.GetElapsedTime(started), 0, 0);
    }
}
