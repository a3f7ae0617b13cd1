using Microsoft.EntityFrameworkCore;
using Npgsql;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Cloud.Service.Requests;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>
/// Live state from the rare event types, inside the batch transaction (after the events are inserted, under
/// the cabinet's row lock): grant state (accepted, refused with reason, used, over-used), request state
/// (GRANT_DELIVERED → IN_USE → COMPLETED, REFUSED), sleeve states and open alarms, evidence links, and the
/// notifications they cause. Heartbeats and boots never get here on their own, so they cost nothing extra.
/// </summary>
internal sealed class EventProjector(NotificationWriter notifications, SecurityEventRecorder security, EvidenceLinker evidence)
{
    private static readonly HashSet<Wire.EventType> Projected =
    [
        Wire.EventType.GrantAccepted, Wire.EventType.GrantRefused, Wire.EventType.SleeveUnlocked,
        Wire.EventType.SealLifted, Wire.EventType.Press, Wire.EventType.SealReturned, Wire.EventType.SleeveRelocked,
        Wire.EventType.UnlockWindowExpired, Wire.EventType.OveruseAlarm, Wire.EventType.SealNotReturnedAlarm,
        Wire.EventType.ForcedOpenAlarm, Wire.EventType.TamperAlarm, Wire.EventType.WrongSealReturned, Wire.EventType.SensorFault,
        Wire.EventType.EvidenceCaptured, Wire.EventType.ChainRestart, Wire.EventType.ReadyExpired, Wire.EventType.AuthenticationLockout,
    ];

    private static readonly HashSet<Wire.EventType> Alarms =
    [
        Wire.EventType.OveruseAlarm, Wire.EventType.SealNotReturnedAlarm, Wire.EventType.ForcedOpenAlarm,
        Wire.EventType.TamperAlarm, Wire.EventType.WrongSealReturned, Wire.EventType.SensorFault, Wire.EventType.AuthenticationLockout,
    ];

    public static bool Projects(Wire.EventType type) => Projected.Contains(type);

    public async Task ProjectAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string deviceId, ChainHead head,
        IReadOnlyList<IncomingEvent> stored, DateTimeOffset now, CancellationToken ct)
    {
        if (!stored.Any(e => Projects(e.Decoded!.Type)))
        {
            return;
        }

        // BOOT alone is handled by the head update (it closes a tamper alarm); here it keeps its place among the others.
        var rare = stored.Where(e => Projects(e.Decoded!.Type) || e.Decoded!.Type == Wire.EventType.Boot).ToList();

        var options = new DbContextOptionsBuilder<CloudDbContext>();
        options.UseNpgsql(connection).UseSnakeCaseNamingConvention();
        await using var db = new CloudDbContext(options.Options);
        await db.Database.UseTransactionAsync(transaction, ct);
        var cabinet = await db.Cabinets.Include(c => c.Sleeves).SingleAsync(c => c.DeviceId == deviceId, ct);
        var grantIds = rare.Where(e => e.GrantId is not null).Select(e => e.GrantId!.Value).Distinct().ToList();

        // The requests' rows are locked before their grants are read, as the workflow locks a request before changing
        // it (cancel, reissue): a cancel committed meanwhile is then seen, never overwritten with a stale state. The
        // cabinet's row is already held, and the workflow takes it before a request's too, so the order is the same.
        if (grantIds.Count > 0)
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT 1 FROM seal_requests WHERE id IN (SELECT request_id FROM grants WHERE id = ANY({grantIds.ToArray()}) AND device_id = {deviceId}) ORDER BY id FOR UPDATE",
                ct);
        }

        var grants = await db.Grants.Where(g => grantIds.Contains(g.Id) && g.DeviceId == deviceId).ToDictionaryAsync(g => g.Id, ct);
        var requestIds = grants.Values.Select(g => g.RequestId).Distinct().ToList();
        var requests = await db.Requests.Include(r => r.Decisions).Where(r => requestIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var run = new Projection(cabinet, head, grants, requests, now);
        foreach (var e in rare)
        {
            run.Apply(e);
        }

        cabinet.OpenAlarms = cabinet.Sleeves.Count(s => s.State == SleeveState.Alarm) + (cabinet.TamperOpen ? 1 : 0);
        await db.SaveChangesAsync(ct);
        foreach (var captured in run.Captured)
        {
            await evidence.OnCapturedAsync(db, deviceId, head, captured, run.RequestOf(captured.GrantId), now, ct);
        }

        foreach (var completed in run.Completions)
        {
            var evidenceIds = await db.DeviceEvents
                .Where(d => d.DeviceId == deviceId && d.GrantId == completed.GrantId && d.EvidenceId != null)
                .OrderBy(d => d.ChainEpoch).ThenBy(d => d.Seq)
                .Select(d => d.EvidenceId!)
                .ToListAsync(ct);
            run.Notifications.Add(completed.Draft with { EvidenceIds = evidenceIds, Body = completed.Draft.Body + Evidence(evidenceIds) });
        }

        foreach (var (kind, seq, detail) in run.SecurityEvents)
        {
            await security.WriteAsync(connection, transaction, deviceId, head.VillageId, head.TownId, kind, seq, head.ChainEpoch, detail, now, ct);
        }

        foreach (var draft in run.Notifications)
        {
            await notifications.WriteAsync(connection, transaction, draft, ct);
        }
    }

    private static string Evidence(IReadOnlyList<string> ids) => ids.Count == 0 ? "，无留证照片" : "，留证照片 " + string.Join("、", ids);

    /// <summary>The state changes of one batch, applied to tracked entities in event order.</summary>
    private sealed class Projection(
        Cabinet cabinet, ChainHead head, Dictionary<Guid, Grant> grants, Dictionary<Guid, SealRequest> requests, DateTimeOffset now)
    {
        public List<NotificationDraft> Notifications { get; } = [];

        public List<(Guid GrantId, NotificationDraft Draft)> Completions { get; } = [];

        public List<(string Kind, long Seq, string Detail)> SecurityEvents { get; } = [];

        public List<Wire.DeviceEvent> Captured { get; } = [];

        public SealRequest? RequestOf(string grantId) =>
            Guid.TryParse(grantId, out var id) && grants.TryGetValue(id, out var grant) ? requests.GetValueOrDefault(grant.RequestId) : null;

        public void Apply(IncomingEvent incoming)
        {
            var e = incoming.Decoded!;
            var grant = incoming.GrantId is { } id ? grants.GetValueOrDefault(id) : null;
            var request = grant is null ? null : requests.GetValueOrDefault(grant.RequestId);
            if (incoming.GrantId is not null && grant is null
                && e.Type is Wire.EventType.GrantAccepted or Wire.EventType.SleeveUnlocked or Wire.EventType.Press)
            {
                SecurityEvents.Add((SecurityEventKinds.UnknownGrant, incoming.Seq, $"{e.Type} names grant {incoming.GrantId}, which was not issued to this cabinet"));
            }

            switch (e.Type)
            {
                case Wire.EventType.Boot:
                    cabinet.TamperOpen = false;
                    break;
                case Wire.EventType.GrantAccepted:
                    Accepted(e, incoming.Seq, grant, request);
                    break;
                case Wire.EventType.GrantRefused:
                    Refused(e, incoming.Seq, grant, request);
                    break;
                case Wire.EventType.SleeveUnlocked:
                    SetSleeve(e.Sleeve, SleeveState.Unlocked);
                    if (grant is { State: GrantState.Revoked })
                    {
                        SecurityEvents.Add((SecurityEventKinds.RevokedGrantUnlocked, incoming.Seq,
                            $"the stamp button unlocked sleeve {e.Sleeve} for grant {grant.Id} (counter {grant.Counter}), which the cloud had revoked"));
                    }

                    InUse(request);
                    break;
                case Wire.EventType.ReadyExpired:
                    Unused(e, grant, request);
                    break;
                case Wire.EventType.SealLifted:
                    SetSleeve(e.Sleeve, SleeveState.SealOut);
                    break;
                case Wire.EventType.Press:
                    if (grant is not null)
                    {
                        grant.PressesUsed = Math.Max(grant.PressesUsed, (int)e.PressCount);
                    }

                    break;
                case Wire.EventType.SealReturned:
                    // Back in its seat; the relock event follows (or the sleeve stays locked after a forced opening).
                    SetSleeve(e.Sleeve, grant is null ? SleeveState.Locked : SleeveState.Unlocked);
                    break;
                case Wire.EventType.SleeveRelocked:
                case Wire.EventType.UnlockWindowExpired:
                    SetSleeve(e.Sleeve, SleeveState.Locked);
                    Finished(e, grant, request);
                    break;
                case Wire.EventType.EvidenceCaptured:
                    Captured.Add(e);
                    break;
                case Wire.EventType.ChainRestart:
                    SecurityEvents.Add((SecurityEventKinds.ChainRestarted, incoming.Seq, $"new chain epoch {e.ChainEpoch} started: {e.Detail}"));
                    break;
                default:
                    break;
            }

            if (Alarms.Contains(e.Type))
            {
                Alarm(e, grant);
            }
        }

        private void Accepted(Wire.DeviceEvent e, long seq, Grant? grant, SealRequest? request)
        {
            if (grant is null)
            {
                return;
            }

            if (grant.State is GrantState.Revoked or GrantState.Expired)
            {
                SecurityEvents.Add((SecurityEventKinds.RevokedGrantUsed, seq,
                    $"grant {grant.Id} (counter {grant.Counter}) was accepted by the cabinet although it is {grant.State}"));
                return;
            }

            if (grant.State is GrantState.Issued or GrantState.Delivered)
            {
                grant.State = GrantState.Accepted;
                grant.StateChangedAt = now;
            }

            if (request is null)
            {
                return;
            }

            if (request.State == RequestState.Approved)
            {
                RequestStateMachine.Move(request, RequestState.GrantDelivered, now);
                Notifications.Add(new NotificationDraft(
                    NotificationKind.GrantDelivered, head.VillageId, head.TownId, request.Id, cabinet.DeviceId,
                    [Audience.Person(request.CustodianId)], "用印授权已送达印章柜",
                    $"{request.ApplicantName} 的用印申请（{request.MatterCode}）已送达 {cabinet.Name}：{e.Sleeve} 号印套已就绪，请到柜前按该印套的盖章按钮", now));
            }
        }

        /// <summary>The stamp button unlocked the sleeve: the grant is being used now.</summary>
        private void InUse(SealRequest? request)
        {
            if (request is not null && RequestStateMachine.CanMove(request.State, RequestState.InUse))
            {
                RequestStateMachine.Move(request, RequestState.InUse, now);
            }
        }

        /// <summary>
        /// The grant waited READY until it expired and nothing moved: not a stamping with 0 presses but an unused grant,
        /// so the request is approved again and may be reissued.
        /// </summary>
        private void Unused(Wire.DeviceEvent e, Grant? grant, SealRequest? request)
        {
            if (grant is null || grant.State is not (GrantState.Issued or GrantState.Delivered or GrantState.Accepted))
            {
                return;
            }

            grant.State = GrantState.Expired;
            grant.StateChangedAt = now;
            // Only a request still waiting at the cabinet goes back: a later grant may have moved it on meanwhile.
            if (request is not { State: RequestState.GrantDelivered })
            {
                return;
            }

            RequestStateMachine.Move(request, RequestState.Approved, now);
            Notifications.Add(new NotificationDraft(
                NotificationKind.GrantUnused, head.VillageId, head.TownId, request.Id, cabinet.DeviceId,
                People(request), "用印授权已过期未使用",
                $"{request.ApplicantName} 的用印申请（{request.MatterCode}）在 {cabinet.Name} {e.Sleeve} 号印套等待盖章按钮直至授权过期，未开锁；可重新下发授权", now));
        }

        /// <summary>
        /// A GRANT_REFUSED, judged by the grant it names and the kind of refusal (docs/cloud.md "Grant refusals"): any
        /// refusal of a grant this cabinet already accepted is of a second copy of it and changes nothing — a REPLAYED
        /// copy while the grant is in use (an MQTT redelivery after a reboot, a poll) is no replay alarm either, one after
        /// the stamping is; a temporary refusal (the firmware evaluates the grant again when it comes again) leaves the
        /// grant live; only the others end it.
        /// </summary>
        private void Refused(Wire.DeviceEvent e, long seq, Grant? grant, SealRequest? request)
        {
            var reason = e.RefusalReason.ToString();
            var taken = grant is { State: GrantState.Accepted or GrantState.Used or GrantState.Overused };

            // While the grant is in use a REPLAYED copy is the cabinet's own grant coming again; once the stamping is over
            // (or before the cabinet ever took it) it is someone replaying a spent grant.
            if (e.RefusalReason == Wire.GrantRefusalReason.Replayed && grant is not { State: GrantState.Accepted })
            {
                SecurityEvents.Add((SecurityEventKinds.ReplayedGrantRefusal, seq,
                    $"the cabinet refused grant {e.GrantId} (counter {e.GrantCounter}) as a replay"));
            }

            if (grant is null || taken || grant.State is not (GrantState.Issued or GrantState.Delivered))
            {
                return;
            }

            if (IsTemporary(e.RefusalReason))
            {
                grant.RefusalReason = reason;
                return;
            }

            grant.State = GrantState.Refused;
            grant.RefusalReason = reason;
            grant.StateChangedAt = now;
            if (request is null)
            {
                return;
            }

            if (RequestStateMachine.CanMove(request.State, RequestState.Refused))
            {
                RequestStateMachine.Move(request, RequestState.Refused, now);
            }

            Notifications.Add(new NotificationDraft(
                NotificationKind.GrantRefused, head.VillageId, head.TownId, request.Id, cabinet.DeviceId,
                People(request), "印章柜拒绝了用印授权", $"{request.ApplicantName} 的用印申请（{request.MatterCode}）被 {cabinet.Name} 拒绝：{reason}", now)
            {
                Reason = reason,
            });
        }

        /// <summary>Refusals the firmware re-evaluates when the grant comes again (docs/firmware.md "Grants").</summary>
        private static bool IsTemporary(Wire.GrantRefusalReason reason) => reason is Wire.GrantRefusalReason.NoTrustedTime
            or Wire.GrantRefusalReason.NotYetValid or Wire.GrantRefusalReason.SleeveBusy or Wire.GrantRefusalReason.JournalFull
            or Wire.GrantRefusalReason.NotProvisioned;

        private void Finished(Wire.DeviceEvent e, Grant? grant, SealRequest? request)
        {
            if (grant is null || grant.State is not (GrantState.Accepted or GrantState.Used or GrantState.Overused))
            {
                return;
            }

            var presses = e.Type == Wire.EventType.UnlockWindowExpired ? grant.PressesUsed : Math.Max(grant.PressesUsed, (int)e.PressCount);
            grant.PressesUsed = presses;
            grant.State = presses > grant.PressesAllowed ? GrantState.Overused : GrantState.Used;
            grant.StateChangedAt = now;
            if (request is null || !RequestStateMachine.CanMove(request.State, RequestState.Completed))
            {
                return;
            }

            RequestStateMachine.Move(request, RequestState.Completed, now);
            var body = e.Type == Wire.EventType.UnlockWindowExpired
                ? $"{request.ApplicantName} 的用印申请（{request.MatterCode}）：开锁后无人取章，印套已自动上锁，盖章 0 次"
                : $"{request.ApplicantName} 的用印申请（{request.MatterCode}）已在 {cabinet.Name} 盖章 {presses} 次（批准 {grant.PressesAllowed} 次），印章已归位";
            Completions.Add((grant.Id, new NotificationDraft(
                NotificationKind.StampingCompleted, head.VillageId, head.TownId, request.Id, cabinet.DeviceId,
                People(request), "用印完成", body, now)
            {
                PressCount = presses,
            }));
        }

        private void Alarm(Wire.DeviceEvent e, Grant? grant)
        {
            if (e.Type == Wire.EventType.TamperAlarm)
            {
                cabinet.TamperOpen = true;
            }
            else if (e.Type is not (Wire.EventType.SensorFault or Wire.EventType.AuthenticationLockout))
            {
                // A sensor fault or a locked PIN pad says nothing about a sleeve's seal.
                SetSleeve(e.Sleeve, SleeveState.Alarm);
            }

            if (e.Type == Wire.EventType.OveruseAlarm && grant is not null && grant.State is GrantState.Accepted or GrantState.Used)
            {
                grant.PressesUsed = Math.Max(grant.PressesUsed, (int)e.PressCount);
                grant.State = GrantState.Overused;
                grant.StateChangedAt = now;
            }

            var where = e.Sleeve == 0 ? cabinet.Name : $"{cabinet.Name} {e.Sleeve} 号印套";
            var who = e.PersonId.Length > 0 ? $"，保管员 {e.PersonId}" : "";
            Notifications.Add(new NotificationDraft(
                NotificationKind.Alarm, head.VillageId, head.TownId, grant?.RequestId, cabinet.DeviceId,
                [Audience.Supervisors], "印章柜告警", $"{where}：{e.Type}{(e.Detail.Length > 0 ? "（" + e.Detail + "）" : "")}{who}", now)
            {
                PressCount = (int)e.PressCount,
                Reason = e.Type.ToString(),
            });
        }

        private void SetSleeve(uint number, SleeveState state)
        {
            var sleeve = cabinet.Sleeves.FirstOrDefault(s => s.Number == number);
            if (sleeve is not null && !(sleeve.State == SleeveState.Alarm && state != SleeveState.Locked))
            {
                // An alarm stays until the sleeve is locked again.
                sleeve.State = state;
            }
        }

        private static List<string> People(SealRequest request) =>
            [Audience.Person(request.CustodianId), .. request.Decisions.Where(d => d.Approved).Select(d => Audience.Person(d.ApproverId))];
    }
}
