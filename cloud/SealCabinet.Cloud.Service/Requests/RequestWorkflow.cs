using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Grants;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Cloud.Service.Sessions;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>
/// Seal-use requests from filing to grant. Every state change runs in one transaction that first locks the
/// request row (SELECT … FOR UPDATE), so concurrent decisions serialise and exactly one can issue a grant.
/// </summary>
internal sealed class RequestWorkflow(
    CloudDbContext db,
    GrantIssuer issuer,
    GrantWithdrawals withdrawals,
    DecisionSignatures signatures,
    LedgerAppender ledger,
    DeniedDecisionLog deniedDecisions,
    OutboxSignal outbox,
    NotificationWriter notifications,
    IOptions<GrantOptions> grantOptions,
    IOptions<ApprovalOptions> approvalOptions,
    TimeProvider clock,
    ILogger<RequestWorkflow> logger)
{
    public const int MaxMaterialBytes = 4 * 1024 * 1024;
    public const int MaxRequestMaterialBytes = 8 * 1024 * 1024;
    public const int MaxCopies = 20;

    public async Task<SealRequest> SubmitAsync(Caller caller, SubmissionSpec spec, CancellationToken ct)
    {
        Identifiers.RequireSlug(spec.VillageId, "village_id");
        Identifiers.RequireMatterCode(spec.MatterCode, "matter_code");
        var applicant = Identifiers.RequireText(spec.ApplicantName, "applicant_name", 100);
        var purpose = Identifiers.RequireText(spec.Purpose, "purpose", 500);
        if (spec.Copies is < 1 or > MaxCopies)
        {
            throw CloudException.Invalid("copies", $"must be 1..{MaxCopies}, was {spec.Copies}");
        }

        var idempotencyKey = Identifiers.OptionalText(spec.IdempotencyKey, "idempotency_key", 100);
        ValidateMaterials(spec.Materials);

        if (idempotencyKey.Length > 0)
        {
            var previous = await LoadViewAsync(
                db.Requests.Where(r => r.CustodianId == caller.PersonId && r.IdempotencyKey == idempotencyKey), ct);
            if (previous is not null)
            {
                return previous;
            }
        }

        var villageSeals = await db.VillageSeals.Where(s => s.VillageId == spec.VillageId).Select(s => s.SealKind).ToListAsync(ct);
        if (!villageSeals.Contains(spec.SealKind))
        {
            throw villageSeals.Count == 0 && !await db.Villages.AnyAsync(v => v.Id == spec.VillageId, ct)
                ? CloudException.NotFound("village_id", $"village '{spec.VillageId}' does not exist")
                : CloudException.Invalid("seal_kind", $"village '{spec.VillageId}' holds no {spec.SealKind} seal");
        }

        var matter = await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Code == spec.MatterCode, ct)
            ?? throw CloudException.NotFound("matter_code", $"matter {spec.MatterCode} is not in the catalogue");
        RequestRules.MatterAllowsSealKind(matter, spec.SealKind);

        // The cabinet is chosen now, so the approver sees which cabinet will unlock: the oldest one in service.
        var target = await db.CabinetSleeves
            .Where(s => s.SealKind == spec.SealKind)
            .Join(db.Cabinets, s => s.DeviceId, c => c.DeviceId, (s, c) => new { s.Number, Cabinet = c })
            .Where(x => x.Cabinet.VillageId == spec.VillageId && x.Cabinet.Status != CabinetStatus.Decommissioned)
            .OrderBy(x => x.Cabinet.RegisteredAt).ThenBy(x => x.Cabinet.DeviceId)
            .Select(x => new { x.Cabinet.DeviceId, x.Number })
            .FirstOrDefaultAsync(ct)
            ?? throw CloudException.Precondition($"village '{spec.VillageId}' has no cabinet in service holding the {spec.SealKind} seal");

        var now = clock.GetUtcNow();
        var request = new SealRequest
        {
            Id = Guid.NewGuid(),
            VillageId = spec.VillageId,
            SealKind = spec.SealKind,
            MatterCode = spec.MatterCode,
            ApplicantName = applicant,
            Purpose = purpose,
            Copies = spec.Copies,
            CustodianId = caller.PersonId,
            DeviceId = target.DeviceId,
            Sleeve = target.Number,
            DocumentSha256 = SHA256.HashData(spec.Materials[0].Content),
            ApprovalsRequired = matter.ApprovalsRequired,
            State = RequestState.Submitted,
            IdempotencyKey = idempotencyKey.Length == 0 ? null : idempotencyKey,
            SubmittedAt = now,
            UpdatedAt = now,
        };
        for (var i = 0; i < spec.Materials.Count; i++)
        {
            var upload = spec.Materials[i];
            var material = new RequestMaterial
            {
                Id = Guid.NewGuid(),
                RequestId = request.Id,
                Ordinal = i,
                FileName = upload.FileName.Trim(),
                ContentType = upload.ContentType.Trim(),
                Sha256 = SHA256.HashData(upload.Content),
                Size = upload.Content.Length,
            };
            request.Materials.Add(material);
            db.MaterialContents.Add(new MaterialContent { MaterialId = material.Id, Content = upload.Content });
        }

        db.Requests.Add(request);
        var townId = await db.Villages.Where(v => v.Id == request.VillageId).Select(v => v.TownId).SingleAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await ledger.AppendAsync(
                LedgerRecords.RequestSubmitted(
                    request.Id.ToString("D"), request.VillageId, request.SealKind, request.MatterCode, request.CustodianId,
                    request.DocumentSha256, now.ToUnixTimeMilliseconds()),
                ct);
            await notifications.WriteAsync(db, new NotificationDraft(
                NotificationKind.RequestSubmitted, request.VillageId, townId, request.Id, request.DeviceId,
                [Audience.Approvers(request.SealKind)], "新的用印申请待审批",
                $"{request.ApplicantName} 申请使用{SealKinds.DisplayName(request.SealKind)}（{request.MatterCode}，{request.Copies} 份）：{request.Purpose}", now), ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (idempotencyKey.Length > 0 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent retry with the same key won the race: answer with its request.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var winner = await LoadViewAsync(db.Requests.Where(r => r.CustodianId == caller.PersonId && r.IdempotencyKey == idempotencyKey), ct);
            if (winner is null)
            {
                throw;
            }

            return winner;
        }

        logger.LogInformation(
            "Request {RequestId} filed by {Custodian} in {Village} for the {SealKind} seal ({Matter})",
            request.Id, caller.PersonId, request.VillageId, request.SealKind, request.MatterCode);
        return request;
    }

    /// <summary>
    /// Starts the approver's passkey signature of a decision they may make now (the same checks as the decision
    /// itself, so nobody signs a decision that would be refused).
    /// </summary>
    public async Task<(Guid CeremonyId, byte[] Statement, string OptionsJson)> BeginDecisionSignatureAsync(
        Caller caller, string requestId, bool approve, string? comment, Fido2NetLib.Fido2Configuration relyingParty, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(requestId, "request_id");
        var cleanComment = approve ? Identifiers.OptionalText(comment, "comment", 500) : Identifiers.RequireText(comment, "comment", 500);
        var request = await LoadViewAsync(db.Requests.Where(r => r.Id == id), ct)
            ?? throw CloudException.NotFound("request_id", $"request '{id}' does not exist");
        RequestRules.MayDecide(caller, request, await VillageScopeAsync(request.VillageId, ct));
        if (request.State != RequestState.Submitted)
        {
            throw CloudException.Precondition($"request {request.Id} is {RequestStateMachine.Name(request.State)}; only a SUBMITTED request can be decided");
        }

        RequestRules.HasNotDecided(request, caller.PersonId);
        return await signatures.BeginAsync(relyingParty, caller.PersonId, request, approve, cleanComment, ct);
    }

    public async Task<ApprovalOutcome> ApproveAsync(
        Caller caller, string requestId, string? comment, DecisionSignatureInput? signature, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(requestId, "request_id");
        var cleanComment = Identifiers.OptionalText(comment, "comment", 500);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = await LockAsync(id, ct);
        var village = await VillageScopeAsync(request.VillageId, ct);
        await MayDecideAsync(caller, request, village, approve: true, tx, ct);
        if (!RequestStateMachine.CanMove(request.State, RequestState.Approved) || request.State != RequestState.Submitted)
        {
            throw CloudException.Precondition(
                $"request {request.Id} is {RequestStateMachine.Name(request.State)}; only a SUBMITTED request can be approved");
        }

        RequestRules.HasNotDecided(request, caller.PersonId);
        var matter = await db.Matters.AsNoTracking().SingleAsync(m => m.Code == request.MatterCode, ct);
        RequestRules.MatterAllowsSealKind(matter, request.SealKind);

        var decision = await DecisionAsync(caller, request, approve: true, cleanComment, signature, ct);
        var now = decision.DecidedAt;
        request.Decisions.Add(decision);
        request.UpdatedAt = now;

        Grant? grant = null;
        if (request.Decisions.Count(d => d.Approved) >= request.ApprovalsRequired)
        {
            RequestStateMachine.Move(request, RequestState.Approved, now);
            request.ApprovedAt = now;
        }

        // Locks in the order ingestion takes them — the cabinet's row, then the ledger — or an approval and a batch of
        // the same cabinet's events deadlock (the approval holding the ledger, the batch the cabinet).
        if (request.State == RequestState.Approved)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM cabinets WHERE device_id = {request.DeviceId} FOR UPDATE", ct);
        }

        // The approval is logged before the grant it causes, so the ledger reads in the order things happened.
        await ledger.AppendAsync(DecisionSignatures.LedgerEntry(decision), ct);
        if (request.State == RequestState.Approved)
        {
            grant = await issuer.IssueAsync(request, now, ct);
        }

        await db.SaveChangesAsync(ct);
        if (grant is not null)
        {
            await notifications.WriteAsync(db, new NotificationDraft(
                NotificationKind.RequestApproved, request.VillageId, village.TownId, request.Id, request.DeviceId,
                [Audience.Person(request.CustodianId)], "用印申请已批准",
                $"{request.ApplicantName} 的用印申请（{request.MatterCode}）已批准，可到印章柜 {request.Sleeve} 号印套盖章 {request.Copies} 次", now), ct);
        }

        await tx.CommitAsync(ct);
        if (grant is not null)
        {
            outbox.Notify();
            logger.LogInformation(
                "Request {RequestId} approved by {Approver}; grant {GrantId} counter {Counter} issued for {DeviceId}",
                request.Id, caller.PersonId, grant.Id, grant.Counter, grant.DeviceId);
        }
        else
        {
            logger.LogInformation(
                "Request {RequestId} approved by {Approver}; {Count} of {Required} approvals",
                request.Id, caller.PersonId, request.Decisions.Count(d => d.Approved), request.ApprovalsRequired);
        }

        return new ApprovalOutcome(request, grant);
    }

    public async Task<SealRequest> RejectAsync(
        Caller caller, string requestId, string comment, DecisionSignatureInput? signature, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(requestId, "request_id");
        var cleanComment = Identifiers.RequireText(comment, "comment", 500);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = await LockAsync(id, ct);
        var village = await VillageScopeAsync(request.VillageId, ct);
        await MayDecideAsync(caller, request, village, approve: false, tx, ct);
        RequestStateMachine.Move(request, RequestState.Rejected, clock.GetUtcNow());
        RequestRules.HasNotDecided(request, caller.PersonId);
        var decision = await DecisionAsync(caller, request, approve: false, cleanComment, signature, ct);
        var now = decision.DecidedAt;
        request.Decisions.Add(decision);
        await ledger.AppendAsync(DecisionSignatures.LedgerEntry(decision), ct);
        await db.SaveChangesAsync(ct);
        await notifications.WriteAsync(db, new NotificationDraft(
            NotificationKind.RequestRejected, request.VillageId, village.TownId, request.Id, request.DeviceId,
            [Audience.Person(request.CustodianId)], "用印申请被驳回", $"{request.ApplicantName} 的用印申请（{request.MatterCode}）被驳回：{cleanComment}", now), ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Request {RequestId} rejected by {Approver}", request.Id, caller.PersonId);
        return request;
    }

    public async Task<SealRequest> CancelAsync(Caller caller, string requestId, string reason, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(requestId, "request_id");
        var cleanReason = Identifiers.RequireText(reason, "reason", 500);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = await LockAsync(id, ct);
        var village = await VillageScopeAsync(request.VillageId, ct);
        RequestRules.MayCancel(caller, request, village);
        var now = clock.GetUtcNow();
        RequestStateMachine.Move(request, RequestState.Cancelled, now);
        request.CancelReason = cleanReason;

        // A grant on its way or waiting READY at the cabinet (Accepted, not used) is revoked and withdrawn from the cabinet;
        // one the cabinet uses all the same (it never heard of the withdrawal) is recorded as the use of a revoked grant.
        var revoked = request.Grants.Where(g => g.State is GrantState.Issued or GrantState.Delivered or GrantState.Accepted).ToList();
        foreach (var grant in revoked)
        {
            grant.State = GrantState.Revoked;
            grant.StateChangedAt = now;
        }

        await withdrawals.QueueAsync(request.DeviceId, revoked, now, ct);

        await ledger.AppendAsync(
            LedgerRecords.RequestCancelled(request.Id.ToString("D"), caller.PersonId, cleanReason, now.ToUnixTimeMilliseconds()), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (revoked.Count > 0)
        {
            outbox.Notify();
        }

        logger.LogInformation("Request {RequestId} cancelled by {Person}; {Withdrawn} grants withdrawn", request.Id, caller.PersonId, revoked.Count);
        return request;
    }

    public async Task<Grant> ReissueAsync(Caller caller, string requestId, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(requestId, "request_id");
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // A new grant takes the cabinet's counter: its row is locked before the request's, the order ingestion takes them
        // (a batch projecting this request's old grant holds the cabinet, then locks the request).
        var deviceId = await db.Requests.Where(r => r.Id == id).Select(r => r.DeviceId).SingleOrDefaultAsync(ct);
        if (deviceId is not null)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM cabinets WHERE device_id = {deviceId} FOR UPDATE", ct);
        }

        var request = await LockAsync(id, ct);
        var now = clock.GetUtcNow();
        RequestRules.MayReissue(caller, request, await VillageScopeAsync(request.VillageId, ct), now, grantOptions.Value.ApprovalValidity);
        foreach (var old in request.Grants.Where(g => g.State is GrantState.Issued or GrantState.Delivered))
        {
            old.State = GrantState.Expired;
            old.StateChangedAt = now;
        }

        // The expiry must reach the database before the new live grant: one live grant per request is a unique index.
        await db.SaveChangesAsync(ct);
        if (request.State != RequestState.Approved)
        {
            RequestStateMachine.Move(request, RequestState.Approved, now);
        }

        var grant = await issuer.IssueAsync(request, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.Notify();
        logger.LogInformation(
            "Grant {GrantId} counter {Counter} reissued for request {RequestId} by {Person}", grant.Id, grant.Counter, request.Id, caller.PersonId);
        return grant;
    }

    public async Task<SealRequest> GetAsync(string requestId, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(requestId, "request_id");
        return await LoadViewAsync(db.Requests.Where(r => r.Id == id), ct)
            ?? throw CloudException.NotFound("request_id", $"request '{requestId}' does not exist");
    }

    public async Task<PagedResult<SealRequest>> ListAsync(ScopeFilter scope, RequestQuery filter, Paging paging, CancellationToken ct)
    {
        var visible = VisibleVillages.Ids(db, scope);
        var query = db.Requests.AsNoTracking().Where(r => visible.Contains(r.VillageId));
        if (!string.IsNullOrEmpty(filter.VillageId))
        {
            query = query.Where(r => r.VillageId == filter.VillageId);
        }

        if (!string.IsNullOrEmpty(filter.TownId))
        {
            var townVillages = db.Villages.Where(v => v.TownId == filter.TownId).Select(v => v.Id);
            query = query.Where(r => townVillages.Contains(r.VillageId));
        }

        if (filter.States.Count > 0)
        {
            var states = filter.States.ToArray();
            query = query.Where(r => states.Contains(r.State));
        }

        if (filter.SealKind is not null)
        {
            query = query.Where(r => r.SealKind == filter.SealKind);
        }

        if (filter.SubmittedAfter is { } after)
        {
            query = query.Where(r => r.SubmittedAt >= after);
        }

        if (filter.SubmittedBefore is { } before)
        {
            query = query.Where(r => r.SubmittedAt < before);
        }

        if (filter.CustodianId is not null)
        {
            query = query.Where(r => r.CustodianId == filter.CustodianId);
        }

        var total = await query.LongCountAsync(ct);
        var items = await query.OrderByDescending(r => r.SubmittedAt).ThenBy(r => r.Id)
            .Skip(paging.Offset).Take(paging.Size)
            .Include(r => r.Materials).Include(r => r.Decisions).Include(r => r.Grants)
            .AsSplitQuery()
            .ToListAsync(ct);
        return new PagedResult<SealRequest>(items, total, paging.NextToken(total));
    }

    public async Task<MaterialDownload> GetMaterialAsync(string requestId, string materialId, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(requestId, "request_id");
        var mid = Identifiers.RequireUuid(materialId, "material_id");
        var material = await db.Materials.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mid && m.RequestId == id, ct)
            ?? throw CloudException.NotFound("material_id", $"request '{requestId}' has no material '{materialId}'");
        var content = await db.MaterialContents.Where(c => c.MaterialId == mid).Select(c => c.Content).SingleAsync(ct);
        return new MaterialDownload(material, content);
    }

    private static void ValidateMaterials(IReadOnlyList<MaterialUpload> materials)
    {
        if (materials.Count == 0)
        {
            throw CloudException.Invalid("materials", "at least one scanned material is required; the first is the document to stamp");
        }

        long total = 0;
        for (var i = 0; i < materials.Count; i++)
        {
            var m = materials[i];
            var field = $"materials[{i}]";
            Identifiers.RequireText(m.FileName, field + ".file_name", 200);
            Identifiers.RequireText(m.ContentType, field + ".content_type", 100);
            if (m.Content.Length == 0)
            {
                throw CloudException.Invalid(field + ".content", "is empty");
            }

            if (m.Content.Length > MaxMaterialBytes)
            {
                throw CloudException.Invalid(field + ".content", $"is {m.Content.Length} bytes; at most {MaxMaterialBytes} are allowed");
            }

            total += m.Content.Length;
        }

        if (total > MaxRequestMaterialBytes)
        {
            throw CloudException.Invalid("materials", $"total {total} bytes; at most {MaxRequestMaterialBytes} per request");
        }
    }

    /// <summary>The decision to record: verified under the approver's passkey, or unsigned where the configuration allows it.</summary>
    private async Task<Decision> DecisionAsync(
        Caller caller, SealRequest request, bool approve, string comment, DecisionSignatureInput? signature, CancellationToken ct)
    {
        if (signature is not null)
        {
            return await signatures.VerifyAsync(signature, caller.PersonId, request, approve, comment, ct);
        }

        if (approvalOptions.Value.RequireSignature)
        {
            throw CloudException.Invalid("signature", "is required: a decision is signed with the approver's passkey (BeginDecisionSignature, then the passkey's assertion)");
        }

        logger.LogWarning("Request {RequestId}: decision of {Approver} recorded UNSIGNED (Approvals:RequireSignature is off)", request.Id, caller.PersonId);
        return new Decision
        {
            Id = Guid.NewGuid(),
            RequestId = request.Id,
            ApproverId = caller.PersonId,
            Approved = approve,
            Comment = comment,
            DecidedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>
    /// Applies <see cref="RequestRules.MayDecide"/>; a custodian's attempt to decide their own request is refused and,
    /// after the refused transaction is rolled back, recorded for the "custodian-approver" anomaly rule.
    /// </summary>
    private async Task MayDecideAsync(
        Caller caller, SealRequest request, ScopeTarget village, bool approve, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken ct)
    {
        try
        {
            RequestRules.MayDecide(caller, request, village);
        }
        catch (CloudException) when (caller.PersonId == request.CustodianId)
        {
            await tx.RollbackAsync(ct);
            await deniedDecisions.RecordAsync(request.Id, caller.PersonId, approve, ct);
            throw;
        }
    }

    private async Task<SealRequest> LockAsync(Guid id, CancellationToken ct)
    {
        var request = await db.Requests.FromSql($"SELECT * FROM seal_requests WHERE id = {id} FOR UPDATE")
            .Include(r => r.Materials).Include(r => r.Decisions).Include(r => r.Grants)
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);
        return request ?? throw CloudException.NotFound("request_id", $"request '{id}' does not exist");
    }

    private async Task<ScopeTarget> VillageScopeAsync(string villageId, CancellationToken ct)
    {
        var townId = await db.Villages.Where(v => v.Id == villageId).Select(v => v.TownId).SingleAsync(ct);
        return ScopeTarget.ForVillage(villageId, townId);
    }

    private static Task<SealRequest?> LoadViewAsync(IQueryable<SealRequest> query, CancellationToken ct) =>
        query.AsNoTracking()
            .Include(r => r.Materials).Include(r => r.Decisions).Include(r => r.Grants)
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);
}
