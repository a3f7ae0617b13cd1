using Npgsql;
using SealCabinet.Ledger.Bundles;

namespace SealCabinet.Cloud.Tool.Supervision;

/// <summary>
/// Reads the ledger rows as the database holds them now (index, kind, record bytes), so that the verifier can check
/// they still hash to the proven leaves. Only the connection string is needed: the verifier trusts nothing else there.
/// </summary>
internal static class StoredLedgerRows
{
    public static async Task<IReadOnlyList<StoredRecord>> ReadAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT index, kind, record, appended_at FROM ledger_entries ORDER BY index", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<StoredRecord>();
        while (await reader.ReadAsync(ct))
        {
            // ck_ledger_entries_index keeps indexes non-negative; a row forced below 0 would become a huge index,
            // reported as not covered by the signed head, while its absence at its old place is a missing entry.
            var index = unchecked((ulong)reader.GetInt64(0));
            var appended = reader.GetFieldValue<DateTimeOffset>(3);
            rows.Add(new StoredRecord(index, reader.GetString(1), (byte[])reader[2], appended.ToUnixTimeMilliseconds()));
        }

        return rows;
    }
}
