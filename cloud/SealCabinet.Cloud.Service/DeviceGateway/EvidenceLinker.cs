using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>
/// Links an EVIDENCE_CAPTURED event to its evidence object, inside the batch transaction: records the kind,
/// size, evidence MAC, grant and request; when the upload finished before the event arrived, verifies it now.
/// </summary>
internal sealed class EvidenceLinker(EvidenceVerifier verifier, SecurityEventRecorder security)
{
    private const string UpsertSql = """
        INSERT INTO evidence_objects (device_id, evidence_id, kind, total_size, received_bytes, complete, verified, evidence_mac,
            grant_id, request_id, content_type, event_seq, created_at)
        VALUES ($1, $2, $3, $4, 0, false, false, $5, $6, $7, '', $8, $9)
        ON CONFLICT (device_id, evidence_id) DO UPDATE
            SET kind = EXCLUDED.kind, evidence_mac = EXCLUDED.evidence_mac, grant_id = EXCLUDED.grant_id,
                request_id = EXCLUDED.request_id, event_seq = EXCLUDED.event_seq
            WHERE evidence_objects.evidence_mac IS NULL
        RETURNING complete, total_size
        """;

    private const string VerifiedSql = "UPDATE evidence_objects SET verified = $3 WHERE device_id = $1 AND evidence_id = $2";

    public async Task OnCapturedAsync(
        CloudDbContext db, string deviceId, ChainHead head, Wire.DeviceEvent captured, SealRequest? request, DateTimeOffset now, CancellationToken ct)
    {
        if (captured.EvidenceId.Length == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        bool complete;
        int storedSize;
        await using (var upsert = new NpgsqlCommand(UpsertSql, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = deviceId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = captured.EvidenceId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (int)captured.EvidenceKind });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (int)Math.Min(captured.EvidenceSize, int.MaxValue) });
            upsert.Parameters.Add(new NpgsqlParameter { Value = captured.EvidenceDigest.ToByteArray() });
            upsert.Parameters.Add(new NpgsqlParameter
            {
                Value = Guid.TryParse(captured.GrantId, out var grantId) ? grantId : DBNull.Value,
                NpgsqlDbType = NpgsqlDbType.Uuid,
            });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)request?.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (long)captured.Seq });
            upsert.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await upsert.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                // The id is already linked to an earlier event: the first link stands.
                return;
            }

            complete = reader.GetBoolean(0);
            storedSize = reader.GetInt32(1);
        }

        if (!complete)
        {
            return;
        }

        var matches = storedSize == captured.EvidenceSize
            && await verifier.VerifyAsync(deviceId, captured.EvidenceId, storedSize, captured.EvidenceDigest.ToByteArray(), ct);
        await using (var update = new NpgsqlCommand(VerifiedSql, connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = deviceId });
            update.Parameters.Add(new NpgsqlParameter { Value = captured.EvidenceId });
            update.Parameters.Add(new NpgsqlParameter { Value = matches });
            await update.ExecuteNonQueryAsync(ct);
        }

        if (!matches)
        {
            await security.WriteAsync(connection, transaction, deviceId, head.VillageId, head.TownId, SecurityEventKinds.EvidenceMismatch,
                (long)captured.Seq, head.ChainEpoch, $"evidence {captured.EvidenceId} does not match the evidence MAC of its signed event", now, ct);
        }
    }
}
