using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Recording;

/// <summary>Keeps refused self-decisions (a custodian approving or rejecting their own request) for supervisors.</summary>
internal sealed class DeniedDecisionLog(CloudDbContext db, TimeProvider clock, ILogger<DeniedDecisionLog> logger)
{
    /// <summary>Records the attempt in its own transaction (the refused one was rolled back).</summary>
    public async Task RecordAsync(Guid requestId, string personId, bool approve, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.DeniedDecisions.Add(new DeniedDecision
        {
            Id = Guid.NewGuid(),
            RequestId = requestId,
            PersonId = personId,
            Approve = approve,
            AttemptedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Custodian {Person} tried to decide their own request {RequestId}; refused and recorded", personId, requestId);
    }
}
