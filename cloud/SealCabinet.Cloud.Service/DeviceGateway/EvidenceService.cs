using Google.Protobuf;
using Npgsql;
using NpgsqlTypes;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Evidence;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>
/// Evidence upload (PutEvidenceChunk, UploadEvidence): each chunk is MAC-checked under the device's event key,
/// then appended where the contiguous upload ends (a resent or overlapping chunk is harmless, a chunk beyond
/// the end is not stored and the receipt says where to resume). Once complete, the whole object is checked
/// against the evidence MAC of its signed EVIDENCE_CAPTURED event (now, or when that event arrives).
/// </summary>
internal sealed class EvidenceService(
    PostgresConnections database,
    DeviceKeyCache keys,
    IEvidenceStore store,
    EvidenceVerifier verifier,
    SecurityEventRecorder security,
    TimeProvider clock,
    ILogger<EvidenceService> logger)
{
    /// <summary>Largest evidence object (device.proto).</summary>
    public const int MaxObjectBytes = 2 * 1024 * 1024;

    /// <summary>Largest chunk (device.proto).</summary>
    public const int MaxChunkBytes = 32 * 1024;

    private const string Unrecognised = "the device or its MAC is not recognised";

    private const string EnsureSql = """
        INSERT INTO evidence_objects (device_id, evidence_id, kind, total_size, received_bytes, complete, verified, content_type, created_at)
        VALUES ($1, $2, 0, $3, 0, false, false, $4, $5)
        ON CONFLICT (device_id, evidence_id) DO NOTHING
        """;

    private const string LockSql = """
        SELECT o.total_size, o.received_bytes, o.complete, o.verified, o.evidence_mac, o.event_seq, c.status, c.village_id, v.town_id
        FROM evidence_objects o JOIN cabinets c ON c.device_id = o.device_id JOIN villages v ON v.id = c.village_id
        WHERE o.device_id = $1 AND o.evidence_id = $2
        FOR NO KEY UPDATE OF o
        """;

    private const string UpdateSql = """
        UPDATE evidence_objects SET received_bytes = $3, complete = $4, verified = $5,
            content_type = CASE WHEN content_type = '' THEN $6 ELSE content_type END,
            completed_at = CASE WHEN $4 THEN $7 ELSE completed_at END
        WHERE device_id = $1 AND evidence_id = $2
        """;

    public async Task<Wire.EvidenceReceipt> PutAsync(Wire.SignedEvidenceChunk? signed, CancellationToken ct)
    {
        var chunk = Parse(signed);
        var deviceKeys = await keys.GetAsync(chunk.DeviceId, ct);
        if (deviceKeys is null || !DeviceKeys.VerifyMac(deviceKeys.EventKey, signed!.Chunk.Span, signed.Mac.Span))
        {
            var kind = deviceKeys is null ? SecurityEventKinds.UnknownDevice : SecurityEventKinds.BadEvidenceMac;
            logger.LogWarning("Evidence chunk refused ({Kind}) for {DeviceId}", kind, Identifiers.Shorten(chunk.DeviceId));
            await security.RecordAsync(chunk.DeviceId, null, kind, null, null, $"evidence chunk of {chunk.EvidenceId} at offset {chunk.Offset}", ct);
            throw new CloudException(CloudErrorKind.Unauthenticated, Unrecognised);
        }

        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(ct);
        await using (var ensure = new NpgsqlCommand(EnsureSql, connection))
        {
            ensure.Parameters.Add(new NpgsqlParameter { Value = chunk.DeviceId });
            ensure.Parameters.Add(new NpgsqlParameter { Value = chunk.EvidenceId });
            ensure.Parameters.Add(new NpgsqlParameter { Value = (int)chunk.TotalSize });
            ensure.Parameters.Add(new NpgsqlParameter { Value = chunk.ContentType });
            ensure.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await ensure.ExecuteNonQueryAsync(ct);
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var read = new NpgsqlCommand(LockSql, connection, transaction);
        read.Parameters.Add(new NpgsqlParameter { Value = chunk.DeviceId });
        read.Parameters.Add(new NpgsqlParameter { Value = chunk.EvidenceId });
        int total, received;
        bool complete, verified;
        byte[]? evidenceMac;
        long? eventSeq;
        string status, villageId, townId;
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (total, received, complete, verified) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetBoolean(2), reader.GetBoolean(3));
            evidenceMac = reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4);
            eventSeq = reader.IsDBNull(5) ? null : reader.GetInt64(5);
            (status, villageId, townId) = (reader.GetString(6), reader.GetString(7), reader.GetString(8));
        }

        if (status == nameof(CabinetStatus.Decommissioned))
        {
            throw CloudException.Denied($"cabinet '{chunk.DeviceId}' is decommissioned");
        }

        if (total != chunk.TotalSize)
        {
            throw CloudException.Invalid("chunk.total_size", $"evidence {chunk.EvidenceId} is {total} bytes, the chunk says {chunk.TotalSize}");
        }

        if (!complete && chunk.Offset <= received && chunk.Offset + chunk.Data.Length > received)
        {
            var fresh = chunk.Data.Memory[(received - (int)chunk.Offset)..];
            await store.PutChunkAsync(chunk.DeviceId, chunk.EvidenceId, received, fresh, ct);
            received += fresh.Length;
            complete = received == total;
            if (complete && evidenceMac is not null)
            {
                verified = await verifier.VerifyAsync(chunk.DeviceId, chunk.EvidenceId, total, evidenceMac, ct);
                if (!verified)
                {
                    await security.WriteAsync(connection, transaction, chunk.DeviceId, villageId, townId, SecurityEventKinds.EvidenceMismatch, eventSeq, null,
                        $"evidence {chunk.EvidenceId} does not match the evidence MAC of its signed event", now, ct);
                }
            }

            await using var update = new NpgsqlCommand(UpdateSql, connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = chunk.DeviceId });
            update.Parameters.Add(new NpgsqlParameter { Value = chunk.EvidenceId });
            update.Parameters.Add(new NpgsqlParameter { Value = received });
            update.Parameters.Add(new NpgsqlParameter { Value = complete });
            update.Parameters.Add(new NpgsqlParameter { Value = verified });
            update.Parameters.Add(new NpgsqlParameter { Value = chunk.ContentType });
            update.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await update.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return new Wire.EvidenceReceipt { EvidenceId = chunk.EvidenceId, ReceivedBytes = (uint)received, Complete = complete, Verified = verified };
    }

    private static Wire.EvidenceChunk Parse(Wire.SignedEvidenceChunk? signed)
    {
        if (signed is null || signed.Chunk.IsEmpty)
        {
            throw CloudException.Invalid("chunk.chunk", "is required");
        }

        Wire.EvidenceChunk chunk;
        try
        {
            chunk = Wire.EvidenceChunk.Parser.ParseFrom(signed.Chunk);
        }
        catch (InvalidProtocolBufferException)
        {
            throw CloudException.Invalid("chunk.chunk", "is not an encoded EvidenceChunk");
        }

        if (chunk.DeviceId.Length is 0 or > 64)
        {
            throw CloudException.Invalid("chunk.device_id", "is required (at most 64 characters)");
        }

        if (chunk.EvidenceId.Length is 0 or > 64 || chunk.EvidenceId.Any(char.IsControl))
        {
            throw CloudException.Invalid("chunk.evidence_id", "is required (at most 64 printable characters)");
        }

        if (chunk.TotalSize is 0 or > MaxObjectBytes)
        {
            throw CloudException.Invalid("chunk.total_size", $"must be 1..{MaxObjectBytes} bytes, was {chunk.TotalSize}");
        }

        if (chunk.Data.Length is 0 or > MaxChunkBytes)
        {
            throw CloudException.Invalid("chunk.data", $"must be 1..{MaxChunkBytes} bytes, was {chunk.Data.Length}");
        }

        if ((long)chunk.Offset + chunk.Data.Length > chunk.TotalSize)
        {
            throw CloudException.Invalid("chunk.offset", $"offset {chunk.Offset} plus {chunk.Data.Length} bytes passes the total size {chunk.TotalSize}");
        }

        if (chunk.ContentType.Length > 100)
        {
            throw CloudException.Invalid("chunk.content_type", "at most 100 characters");
        }

        return chunk;
    }
}
