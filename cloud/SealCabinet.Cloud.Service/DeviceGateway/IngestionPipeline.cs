using System.Collections.Concurrent;
using System.Security.Cryptography;
using Google.Protobuf;
using Npgsql;
using NpgsqlTypes;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Ledger.Records;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>
/// The one ingestion path behind PushEvents and StreamEvents. Per batch: every MAC is checked with the
/// cached device keys before any database work; then ONE transaction locks the cabinet row (which serialises
/// batches of one device across replicas and re-reads its status and secret version), checks the chain,
/// stores the new events with one multi-row insert, advances the chain head, runs the projections of the
/// rare event types, appends the events to the audit ledger, and commits. A batch that simply continues the
/// head this replica stored last takes a two-round-trip fast path (<see cref="FastSql"/>) instead. Only then is the batch acknowledged with the highest contiguous stored seq
/// (synchronous_commit stays on: an ack survives a crash). A bad event stops the batch at that event; the
/// events before it that continue the chain are stored and acknowledged.
/// </summary>
internal sealed class IngestionPipeline(
    PostgresConnections database,
    DeviceKeyCache keyCache,
    EventProjector projector,
    SecurityEventRecorder recorder,
    TimeProvider clock,
    ILogger<IngestionPipeline> logger)
{
    /// <summary>Most events per batch (device.proto).</summary>
    public const int MaxEvents = 256;

    /// <summary>Most encoded bytes per batch (device.proto).</summary>
    public const int MaxBatchBytes = 256 * 1024;

    private const int MacLength = 32;
    private const int MaxEvidenceIdLength = 64;

    /// <summary>device.proto: "Human-readable detail, at most 200 UTF-8 bytes."</summary>
    private const int MaxDetailBytes = 200;

    /// <summary>A SHA-256 or HMAC-SHA256 value.</summary>
    private const int DigestLength = 32;
    private const string Unrecognised = "the device or its MAC is not recognised";

    private const string LockSql = """
        SELECT c.status, c.secret_version, c.chain_epoch, c.authorized_chain_epoch, c.last_seq, c.last_event_hash, c.village_id, v.town_id
        FROM cabinets c JOIN villages v ON v.id = c.village_id
        WHERE c.device_id = $1
        FOR UPDATE OF c
        """;

    private const string StoredHashesSql = "SELECT seq, event_hash FROM device_events WHERE device_id = $1 AND chain_epoch = $2 AND seq = ANY($3)";

    private const string InsertSql = """
        INSERT INTO device_events (device_id, chain_epoch, seq, event_type, sleeve, grant_id, grant_counter, press_count, device_time,
            uptime_ms, received_at, event_bytes, mac, event_hash, refusal_reason, evidence_id, evidence_kind, detail)
        SELECT $1, u.chain_epoch, u.seq, u.event_type, u.sleeve, u.grant_id, u.grant_counter, u.press_count, u.device_time,
            u.uptime_ms, $2, u.event_bytes, u.mac, u.event_hash, u.refusal_reason, u.evidence_id, u.evidence_kind, u.detail
        FROM unnest($3::int[], $4::bigint[], $5::int[], $6::int[], $7::uuid[], $8::bigint[], $9::int[], $10::timestamptz[],
            $11::bigint[], $12::bytea[], $13::bytea[], $14::bytea[], $15::int[], $16::text[], $17::int[], $18::text[])
            AS u(chain_epoch, seq, event_type, sleeve, grant_id, grant_counter, press_count, device_time,
                 uptime_ms, event_bytes, mac, event_hash, refusal_reason, evidence_id, evidence_kind, detail)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// The common case in one statement: advance the head only if it is still the one this replica last stored
    /// (same epoch, seq, hash and secret version, not decommissioned; the UPDATE takes the row lock, so batches of
    /// one device still serialise across replicas) and insert the events only if it was. No ON CONFLICT: a
    /// duplicate fails the statement, and the transaction is rolled back. The ledger append and COMMIT follow in
    /// a second round trip.
    /// </summary>
    private const string FastSql = """
        WITH head AS (
            UPDATE cabinets SET last_seq = $19, last_event_hash = $20, last_event_at = $2,
                status = CASE WHEN status = 'Registered' THEN 'Active' ELSE status END,
                open_alarms = open_alarms - CASE WHEN $25 AND tamper_open THEN 1 ELSE 0 END,
                tamper_open = tamper_open AND NOT $25
            WHERE device_id = $1 AND chain_epoch = $21 AND last_seq = $22 AND last_event_hash = $23 AND secret_version = $24
                AND status <> 'Decommissioned'
            RETURNING device_id)
        INSERT INTO device_events (device_id, chain_epoch, seq, event_type, sleeve, grant_id, grant_counter, press_count, device_time,
            uptime_ms, received_at, event_bytes, mac, event_hash, refusal_reason, evidence_id, evidence_kind, detail)
        SELECT head.device_id, u.chain_epoch, u.seq, u.event_type, u.sleeve, u.grant_id, u.grant_counter, u.press_count, u.device_time,
            u.uptime_ms, $2, u.event_bytes, u.mac, u.event_hash, u.refusal_reason, u.evidence_id, u.evidence_kind, u.detail
        FROM head, unnest($3::int[], $4::bigint[], $5::int[], $6::int[], $7::uuid[], $8::bigint[], $9::int[], $10::timestamptz[],
            $11::bigint[], $12::bytea[], $13::bytea[], $14::bytea[], $15::int[], $16::text[], $17::int[], $18::text[])
            AS u(chain_epoch, seq, event_type, sleeve, grant_id, grant_counter, press_count, device_time,
                 uptime_ms, event_bytes, mac, event_hash, refusal_reason, evidence_id, evidence_kind, detail)
        """;

    private const string AdvanceSql = """
        UPDATE cabinets SET chain_epoch = $2, last_seq = $3, last_event_hash = $4, last_event_at = $5,
            authorized_chain_epoch = CASE WHEN $6 THEN NULL ELSE authorized_chain_epoch END,
            status = CASE WHEN status = 'Registered' THEN 'Active' ELSE status END,
            open_alarms = open_alarms - CASE WHEN $7 AND tamper_open THEN 1 ELSE 0 END,
            tamper_open = tamper_open AND NOT $7
        WHERE device_id = $1
        """;

    private static readonly byte[] ZeroHash = new byte[32];

    /// <summary>Heads this replica stored last; a stale one only costs a fall back to the locked path.</summary>
    private readonly ConcurrentDictionary<string, KnownHead> _heads = new(StringComparer.Ordinal);

    /// <summary>Stores what can be stored of <paramref name="batch"/> and returns the ack.</summary>
    /// <exception cref="BatchRefusedException">The batch was refused as a whole; nothing was stored.</exception>
    public async Task<BatchOutcome> IngestAsync(Wire.EventBatch? batch, CancellationToken ct)
    {
        var deviceId = await ValidateShapeAsync(batch, ct);
        for (var attempt = 0; ; attempt++)
        {
            var keys = await keyCache.GetAsync(deviceId, ct);
            if (keys is null)
            {
                await RefuseAsync(deviceId, null, SecurityEventKinds.UnknownDevice, "batch from an unknown device", null,
                    CloudErrorKind.Unauthenticated, Wire.RejectionReason.Unauthenticated, Unrecognised, ct);
            }

            var events = Prepare(batch!, deviceId, keys!);
            if (events[0].Problem == Wire.RejectionReason.BadMac)
            {
                // Nothing authenticates the caller: answer as for an unknown device.
                await RefuseAsync(deviceId, null, SecurityEventKinds.BadMac, "the first event of the batch has a bad MAC", events[0].Seq,
                    CloudErrorKind.Unauthenticated, Wire.RejectionReason.Unauthenticated, Unrecognised, ct);
            }

            if (_heads.TryGetValue(deviceId, out var known) && known.SecretVersion == keys!.SecretVersion && ContinuesCleanly(known, events))
            {
                var fast = await TryFastAsync(deviceId, batch!.Nonce, keys, known, events, ct);
                if (fast is not null)
                {
                    return fast;
                }
            }

            var outcome = await StoreAsync(deviceId, batch!.Nonce, keys!, events, ct);
            if (outcome is not null)
            {
                return outcome;
            }

            // The secret changed since the keys were cached: verify again with the current ones.
            keyCache.Evict(deviceId);
            if (attempt > 0)
            {
                throw new InvalidOperationException($"the secret version of {deviceId} keeps changing");
            }
        }
    }

    private async Task<string> ValidateShapeAsync(Wire.EventBatch? batch, CancellationToken ct)
    {
        var deviceId = batch?.DeviceId ?? "";
        string? problem = null;
        var kind = SecurityEventKinds.Malformed;
        var reason = Wire.RejectionReason.Malformed;
        if (batch is null)
        {
            problem = "batch: is required";
        }
        else if (deviceId.Length is 0 or > 64)
        {
            problem = "batch.device_id: is required (at most 64 characters)";
        }
        else if (batch.Nonce.Length != ServerTimeSigner.NonceLength)
        {
            problem = $"batch.nonce: must be {ServerTimeSigner.NonceLength} bytes, was {batch.Nonce.Length}";
        }
        else if (batch.Events.Count == 0)
        {
            problem = "batch.events: must hold at least one event";
        }
        else if (batch.Events.Count > MaxEvents || batch.CalculateSize() is var size && size > MaxBatchBytes)
        {
            problem = $"batch.events: at most {MaxEvents} events and {MaxBatchBytes / 1024} KiB per batch, was {batch.Events.Count} events and {batch.CalculateSize()} bytes";
            kind = SecurityEventKinds.OversizeBatch;
            reason = Wire.RejectionReason.BatchTooLarge;
        }

        if (problem is not null)
        {
            await RefuseAsync(deviceId.Length is > 0 and <= 64 ? deviceId : null, null, kind, problem, null,
                CloudErrorKind.InvalidArgument, reason, problem, ct);
        }

        return deviceId;
    }

    /// <summary>Checks MACs, decodes and validates each event, up to and including the first bad one.</summary>
    private static List<IncomingEvent> Prepare(Wire.EventBatch batch, string deviceId, CachedDeviceKeys keys)
    {
        var prepared = new List<IncomingEvent>(batch.Events.Count);
        foreach (var signed in batch.Events)
        {
            var bytes = signed.Event.ToByteArray();
            var mac = signed.Mac.ToByteArray();
            var hash = SHA256.HashData(bytes);
            var item = Check(bytes, mac, hash, deviceId, keys);
            prepared.Add(item);
            if (item.Problem != Wire.RejectionReason.Unspecified)
            {
                break;
            }
        }

        return prepared;
    }

    private static IncomingEvent Check(byte[] bytes, byte[] mac, byte[] hash, string deviceId, CachedDeviceKeys keys)
    {
        Wire.DeviceEvent? decoded = null;
        try
        {
            decoded = Wire.DeviceEvent.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            // Reported below, after the MAC: an unauthenticated event learns nothing more than "bad MAC".
        }

        var seq = decoded is { Seq: <= long.MaxValue } ? (long)decoded.Seq : 0;
        if (mac.Length != MacLength || !DeviceKeys.VerifyMac(keys.EventKey, bytes, mac))
        {
            return Problem(bytes, mac, hash, seq, Wire.RejectionReason.BadMac, "the event MAC does not verify");
        }

        if (decoded is null)
        {
            return Problem(bytes, mac, hash, 0, Wire.RejectionReason.Malformed, "the event bytes are not an encoded DeviceEvent");
        }

        var invalid = Invalid(decoded);
        if (invalid is not null)
        {
            return Problem(bytes, mac, hash, seq, Wire.RejectionReason.Malformed, invalid);
        }

        if (decoded.DeviceId != deviceId)
        {
            return Problem(bytes, mac, hash, seq, Wire.RejectionReason.WrongDevice, "the event names another device than the batch");
        }

        return new IncomingEvent
        {
            Bytes = bytes,
            Mac = mac,
            Hash = hash,
            Decoded = decoded,
            Seq = seq,
            GrantId = decoded.GrantId.Length == 0 ? null : Guid.Parse(decoded.GrantId),
        };
    }

    private static string? Invalid(Wire.DeviceEvent e) => e switch
    {
        { Seq: 0 or > long.MaxValue } => "seq: must be 1..2^63-1",
        { ChainEpoch: 0 or > int.MaxValue } => "chain_epoch: must be 1..2^31-1",
        { PrevHash.Length: not 32 } => "prev_hash: must be 32 bytes",
        { Sleeve: > 3 } => "sleeve: must be 0..3",
        { UptimeMs: > long.MaxValue } => "uptime_ms: out of range",
        { GrantCounter: > long.MaxValue } => "grant_counter: out of range",
        { PressCount: > int.MaxValue } => "press_count: out of range",
        { DeviceTimeMs: < 0 or > 253_402_300_799_999 } => "device_time_ms: out of range",
        _ when e.GrantId.Length > 0 && !Guid.TryParseExact(e.GrantId, "D", out _) => "grant_id: must be a UUID",
        { Type: Wire.EventType.Unspecified } => "type: is required",
        _ when !Enum.IsDefined(e.Type) => $"type: {(int)e.Type} is not an event type",
        _ when e.EvidenceId.Length > MaxEvidenceIdLength || e.EvidenceId.Any(char.IsControl) => "evidence_id: at most 64 printable characters",
        _ when System.Text.Encoding.UTF8.GetByteCount(e.Detail) > MaxDetailBytes => $"detail: at most {MaxDetailBytes} UTF-8 bytes",
        { Type: Wire.EventType.EvidenceCaptured, EvidenceDigest.Length: not DigestLength } => $"evidence_digest: must be {DigestLength} bytes for EVIDENCE_CAPTURED",
        { EvidenceDigest.Length: not (0 or DigestLength) } => $"evidence_digest: must be empty or {DigestLength} bytes",
        { ApprovalDigest.Length: not (0 or DigestLength) } => $"approval_digest: must be empty or {DigestLength} bytes",
        _ => null,
    };

    private static IncomingEvent Problem(byte[] bytes, byte[] mac, byte[] hash, long seq, Wire.RejectionReason reason, string detail) =>
        new() { Bytes = bytes, Mac = mac, Hash = hash, Seq = seq, Problem = reason, ProblemDetail = detail };

    /// <summary>The batch transaction; null when the cached keys turned out stale (nothing was written).</summary>
    private async Task<BatchOutcome?> StoreAsync(
        string deviceId, ByteString nonce, CachedDeviceKeys keys, List<IncomingEvent> events, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var head = await LockAsync(connection, transaction, deviceId, ct);
        if (head is null)
        {
            await transaction.RollbackAsync(ct);
            keyCache.Evict(deviceId);
            await RefuseAsync(deviceId, null, SecurityEventKinds.UnknownDevice, "batch from a removed device", null,
                CloudErrorKind.Unauthenticated, Wire.RejectionReason.Unauthenticated, Unrecognised, ct);
        }

        if (head!.Status == nameof(CabinetStatus.Decommissioned))
        {
            await transaction.RollbackAsync(ct);
            keyCache.Evict(deviceId);
            await RefuseAsync(deviceId, head, SecurityEventKinds.DecommissionedDevice, "batch from a decommissioned cabinet", events[0].Seq,
                CloudErrorKind.PermissionDenied, Wire.RejectionReason.Decommissioned, $"cabinet '{deviceId}' is decommissioned", ct);
        }

        if (head.SecretVersion != keys.SecretVersion)
        {
            await transaction.RollbackAsync(ct);
            return null;
        }

        var storedHashes = await StoredHashesAsync(connection, transaction, deviceId, head, events, ct);
        var walk = ChainWalk.Run(head, events, storedHashes);
        var now = clock.GetUtcNow();
        if (walk.ToStore.Count > 0 || walk.Rejection is not null)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            if (walk.ToStore.Count > 0)
            {
                batch.BatchCommands.Add(InsertCommand(deviceId, walk.ToStore, now));
                batch.BatchCommands.Add(AdvanceCommand(deviceId, walk, now));
            }

            if (walk.Rejection is { } rejection)
            {
                recorder.AddTo(batch, deviceId, head.Place, rejection.SecurityKind, rejection.Seq, rejection.Epoch, rejection.Detail, now);
                logger.LogWarning(
                    "Batch of {DeviceId} stopped at seq {Seq}: {Reason} ({Detail})", deviceId, rejection.Seq, rejection.Reason, rejection.Detail);
            }

            await batch.ExecuteNonQueryAsync(ct);
            if (walk.ToStore.Count > 0 && batch.BatchCommands[0].RecordsAffected != walk.ToStore.Count)
            {
                // Impossible under the row lock unless something wrote events around it: store nothing.
                throw new InvalidOperationException(
                    $"{deviceId}: {batch.BatchCommands[0].RecordsAffected} of {walk.ToStore.Count} events inserted under the chain lock");
            }

            if (walk.ToStore.Count > 0)
            {
                await projector.ProjectAsync(connection, transaction, deviceId, head, walk.ToStore, now, ct);
                await LedgerAppender.AppendBatchAsync(connection, transaction, LedgerRecordsOf(deviceId, walk.ToStore), now, ct);
            }
        }

        await transaction.CommitAsync(ct);
        if (walk.LastSeq > 0)
        {
            _heads[deviceId] = new KnownHead(keys.SecretVersion, walk.ChainEpoch, walk.LastSeq, walk.LastHash);
        }

        var ack = new Wire.PushAck
        {
            AckedSeq = (ulong)walk.LastSeq,
            ChainEpoch = (uint)walk.ChainEpoch,
            ServerTime = ServerTimeSigner.Sign(deviceId, keys.TimeKey, nonce, clock.GetUtcNow()),
        };
        if (walk.Rejection is { } r)
        {
            ack.Rejection = r.Reason;
            ack.RejectedSeq = (ulong)Math.Max(0, r.Seq);
        }

        return new BatchOutcome(ack, walk.ToStore.Count);
    }

    /// <summary>True when the batch simply continues <paramref name="known"/>: all events sound, consecutive, chained, none needing a projection.</summary>
    private static bool ContinuesCleanly(KnownHead known, List<IncomingEvent> events)
    {
        var expected = known.LastSeq + 1;
        var previous = known.LastHash;
        foreach (var incoming in events)
        {
            var e = incoming.Decoded;
            if (incoming.Problem != Wire.RejectionReason.Unspecified || e is null || (int)e.ChainEpoch != known.ChainEpoch
                || incoming.Seq != expected || !e.PrevHash.Span.SequenceEqual(previous) || EventProjector.Projects(e.Type))
            {
                return false;
            }

            previous = incoming.Hash;
            expected++;
        }

        return true;
    }

    /// <summary>The one-statement path (<see cref="FastSql"/>); null when the head moved elsewhere (nothing was written).</summary>
    private async Task<BatchOutcome?> TryFastAsync(
        string deviceId, ByteString nonce, CachedDeviceKeys keys, KnownHead known, List<IncomingEvent> events, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var last = events[^1];
        var ledger = LedgerRecordsOf(deviceId, events);
        int inserted;
        await using (var connection = await database.OpenAsync(ct))
        {
            // Round trip 1: BEGIN + the conditional head update and insert. Round trip 2: the ledger append (its
            // advisory lock, then MAX + 1) and COMMIT — or ROLLBACK when the head had moved.
            var fast = new NpgsqlBatchCommand(FastSql);
            fast.Parameters.AddRange(InsertParameters(deviceId, events, now));
            fast.Parameters.Add(new NpgsqlParameter { Value = last.Seq });
            fast.Parameters.Add(new NpgsqlParameter { Value = last.Hash });
            fast.Parameters.Add(new NpgsqlParameter { Value = known.ChainEpoch });
            fast.Parameters.Add(new NpgsqlParameter { Value = known.LastSeq });
            fast.Parameters.Add(new NpgsqlParameter { Value = known.LastHash });
            fast.Parameters.Add(new NpgsqlParameter { Value = known.SecretVersion });
            fast.Parameters.Add(new NpgsqlParameter { Value = HasBoot(events) });
            try
            {
                await using var first = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand("BEGIN"), fast } };
                await first.ExecuteNonQueryAsync(ct);
                inserted = fast.RecordsAffected;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                inserted = 0;
            }

            if (inserted == events.Count)
            {
                await using var second = new NpgsqlBatch(connection);
                foreach (var command in LedgerAppender.AppendCommands(ledger, now))
                {
                    second.BatchCommands.Add(command);
                }

                second.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
                await second.ExecuteNonQueryAsync(ct);
            }
            else
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync(ct);
            }
        }

        if (inserted != events.Count)
        {
            _heads.TryRemove(deviceId, out _);
            return null;
        }

        _heads[deviceId] = new KnownHead(known.SecretVersion, known.ChainEpoch, last.Seq, last.Hash);
        var ack = new Wire.PushAck
        {
            AckedSeq = (ulong)last.Seq,
            ChainEpoch = (uint)known.ChainEpoch,
            ServerTime = ServerTimeSigner.Sign(deviceId, keys.TimeKey, nonce, clock.GetUtcNow()),
        };
        return new BatchOutcome(ack, events.Count);
    }

    private static async Task<ChainHead?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string deviceId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(LockSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = deviceId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new ChainHead(
            reader.GetString(0),
            reader.GetInt32(1),
            reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetInt32(3),
            reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<byte[]>(5),
            reader.GetString(6),
            reader.GetString(7));
    }

    /// <summary>Hashes of the already stored events the batch repeats (a resend after a lost ack); no query when there are none.</summary>
    private static async Task<Dictionary<long, byte[]>> StoredHashesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string deviceId, ChainHead head, List<IncomingEvent> events, CancellationToken ct)
    {
        var repeated = events
            .Where(e => e.Decoded is not null && (int)e.Decoded.ChainEpoch == head.ChainEpoch && e.Seq <= head.LastSeq)
            .Select(e => e.Seq)
            .ToArray();
        var hashes = new Dictionary<long, byte[]>();
        if (repeated.Length == 0)
        {
            return hashes;
        }

        await using var command = new NpgsqlCommand(StoredHashesSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = deviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = head.ChainEpoch });
        command.Parameters.Add(new NpgsqlParameter { Value = repeated });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            hashes[reader.GetInt64(0)] = reader.GetFieldValue<byte[]>(1);
        }

        return hashes;
    }

    private static NpgsqlBatchCommand InsertCommand(string deviceId, IReadOnlyList<IncomingEvent> events, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        command.Parameters.AddRange(InsertParameters(deviceId, events, now));
        return command;
    }

    /// <summary>$1 device, $2 received at, $3..$18 one array per column (the unnest of <see cref="InsertSql"/> and <see cref="FastSql"/>).</summary>
    private static NpgsqlParameter[] InsertParameters(string deviceId, IReadOnlyList<IncomingEvent> events, DateTimeOffset now)
    {
        var n = events.Count;
        var epochs = new int[n];
        var seqs = new long[n];
        var types = new int[n];
        var sleeves = new int[n];
        var grants = new Guid?[n];
        var counters = new long[n];
        var presses = new int[n];
        var deviceTimes = new DateTime?[n];
        var uptimes = new long[n];
        var bytes = new byte[n][];
        var macs = new byte[n][];
        var hashes = new byte[n][];
        var refusals = new int[n];
        var evidenceIds = new string?[n];
        var evidenceKinds = new int[n];
        var details = new string[n];
        for (var i = 0; i < n; i++)
        {
            var e = events[i].Decoded!;
            epochs[i] = (int)e.ChainEpoch;
            seqs[i] = (long)e.Seq;
            types[i] = (int)e.Type;
            sleeves[i] = (int)e.Sleeve;
            grants[i] = events[i].GrantId;
            counters[i] = (long)e.GrantCounter;
            presses[i] = (int)e.PressCount;
            deviceTimes[i] = e.DeviceTimeMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(e.DeviceTimeMs).UtcDateTime;
            uptimes[i] = (long)e.UptimeMs;
            bytes[i] = events[i].Bytes;
            macs[i] = events[i].Mac;
            hashes[i] = events[i].Hash;
            refusals[i] = (int)e.RefusalReason;
            evidenceIds[i] = e.EvidenceId.Length == 0 ? null : e.EvidenceId;
            evidenceKinds[i] = (int)e.EvidenceKind;
            // PostgreSQL text cannot hold NUL; the signed bytes keep the original.
            details[i] = e.Detail.Contains('\0', StringComparison.Ordinal) ? e.Detail.Replace('\0', '\uFFFD') : e.Detail;
        }

        return
        [
            new() { Value = deviceId, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            new() { Value = epochs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            new() { Value = seqs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
            new() { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            new() { Value = sleeves, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            new() { Value = grants, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            new() { Value = counters, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
            new() { Value = presses, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            new() { Value = deviceTimes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
            new() { Value = uptimes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
            new() { Value = bytes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
            new() { Value = macs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
            new() { Value = hashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
            new() { Value = refusals, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            new() { Value = evidenceIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new() { Value = evidenceKinds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            new() { Value = details, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        ];
    }

    private static NpgsqlBatchCommand AdvanceCommand(string deviceId, ChainWalk walk, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(AdvanceSql);
        command.Parameters.Add(new NpgsqlParameter { Value = deviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = walk.ChainEpoch });
        command.Parameters.Add(new NpgsqlParameter { Value = walk.LastSeq });
        command.Parameters.Add(new NpgsqlParameter { Value = walk.LastHash });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = walk.Restarted });
        command.Parameters.Add(new NpgsqlParameter { Value = HasBoot(walk.ToStore) });
        return command;
    }

    /// <summary>Records the refusal (its own small transaction) and throws it.</summary>
    private async Task RefuseAsync(
        string? deviceId, ChainHead? head, string securityKind, string detail, long? seq,
        CloudErrorKind kind, Wire.RejectionReason reason, string message, CancellationToken ct)
    {
        logger.LogWarning("Refused a batch from {DeviceId}: {Detail}", deviceId is null ? "(none)" : Identifiers.Shorten(deviceId), detail);
        await recorder.RecordAsync(deviceId, head?.Place, securityKind, seq, head?.ChainEpoch, detail, ct);
        throw new BatchRefusedException(kind, reason, message);
    }

    /// <summary>The ledger entries of stored events: every accepted event enters the audit ledger in its batch transaction.</summary>
    private static List<LedgerRecord> LedgerRecordsOf(string deviceId, IReadOnlyList<IncomingEvent> events) =>
        [.. events.Select(e => LedgerRecords.DeviceEvent(
            deviceId, e.Decoded!.ChainEpoch, e.Seq, new Wire.SignedEvent { Event = ByteString.CopyFrom(e.Bytes), Mac = ByteString.CopyFrom(e.Mac) }.ToByteArray()))];

    /// <summary>A boot closes an open tamper alarm (the cabinet was serviced); see <see cref="EventProjector"/> for the other alarms.</summary>
    private static bool HasBoot(IEnumerable<IncomingEvent> events) => events.Any(e => e.Decoded!.Type == Wire.EventType.Boot);

    internal static bool IsZeroHash(ReadOnlySpan<byte> hash) => hash.SequenceEqual(ZeroHash);
}
