using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Evidence;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>The photos a cabinet took for a request, for the people who may read the request.</summary>
internal sealed class RequestEvidence(CloudDbContext db, IEvidenceStore store)
{
    public async Task<IReadOnlyList<EvidenceObject>> ListAsync(Guid requestId, CancellationToken ct) =>
        await db.EvidenceObjects.AsNoTracking().Where(e => e.RequestId == requestId)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.EvidenceId).ToListAsync(ct);

    /// <summary>
    /// A complete, verified photo with its bytes; anything else is refused without content. Ingestion accepts no
    /// object over 2 MiB (DeviceGateway's EvidenceService), so one message always carries it.
    /// </summary>
    public async Task<(EvidenceObject Item, byte[] Content)> GetAsync(string requestId, string evidenceId, CancellationToken ct)
    {
        var id = Identifiers.RequireUuid(requestId, "request_id");
        var cleanEvidenceId = Identifiers.RequireText(evidenceId, "evidence_id", 64);
        var item = await db.EvidenceObjects.AsNoTracking().SingleOrDefaultAsync(e => e.RequestId == id && e.EvidenceId == cleanEvidenceId, ct)
            ?? throw CloudException.NotFound("evidence_id", $"request '{requestId}' has no evidence '{Identifiers.Shorten(cleanEvidenceId)}'");
        if (!item.Complete || !item.Verified)
        {
            throw CloudException.Precondition($"evidence_id: '{cleanEvidenceId}' is still uploading or failed verification ({item.ReceivedBytes} of {item.TotalSize} bytes)");
        }

        return (item, await store.ReadAsync(item.DeviceId, item.EvidenceId, item.TotalSize, ct));
    }
}
