using Microsoft.EntityFrameworkCore;
using Npgsql;
using SealCabinet.Cloud.Service.Evidence;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Evidence.Imaging.Hashing;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>
/// The document-swapped rule: compares a page photographed by the cabinet at stamping with the material the request
/// was approved on (its first scan) by perceptual hash (<see cref="DocumentSwapCheck"/>, threshold calibrated in
/// docs/supervision.md §9) and raises one anomaly per (request, photo) when they differ.
/// </summary>
internal sealed class DocumentSwapChecker(CloudDbContext db, AnomalyService anomalies, IEvidenceStore store, TimeProvider clock)
{
    public const string Rule = "document-swapped";

    /// <summary>
    /// Checks every complete, verified DOCUMENT_BEFORE/AFTER photo linked to a request that was not checked yet (each
    /// photo once, claimed in <c>document_checks</c> so replicas do not repeat it). Returns the number checked.
    /// </summary>
    public async Task<int> CheckPendingAsync(CancellationToken ct)
    {
        var pending = await SupervisionSql.QueryAsync(db, """
            SELECT e.device_id, e.evidence_id, e.request_id, e.total_size FROM evidence_objects e
            WHERE e.verified AND e.kind IN (1, 2) AND e.request_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM document_checks d WHERE d.device_id = e.device_id AND d.evidence_id = e.evidence_id)
            ORDER BY e.completed_at LIMIT 100
            """, r => (Device: r.GetString(0), Evidence: r.GetString(1), Request: r.GetGuid(2), Size: r.GetInt32(3)), ct);
        foreach (var (device, evidence, request, size) in pending)
        {
            var claimed = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO document_checks (device_id, evidence_id, request_id, distance, checked_at)
                VALUES ({device}, {evidence}, {request}, NULL, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING
                """, ct);
            if (claimed == 0)
            {
                continue;
            }

            var photo = await store.ReadAsync(device, evidence, size, ct);
            var distance = await CheckAsync(request, evidence, photo, ct);
            await db.Database.ExecuteSqlAsync(
                $"UPDATE document_checks SET distance = {distance} WHERE device_id = {device} AND evidence_id = {evidence}", ct);
        }

        return pending.Count;
    }

    /// <summary>Checks one photo; returns the Hamming distance, or null when the images cannot be decoded.</summary>
    public async Task<int?> CheckAsync(Guid requestId, string photoId, byte[] photo, CancellationToken ct)
    {
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, ct)
            ?? throw new InvalidOperationException($"request {requestId} does not exist");
        var scan = await db.Materials.Where(m => m.RequestId == requestId && m.Ordinal == 0)
            .Join(db.MaterialContents, m => m.Id, c => c.MaterialId, (m, c) => c.Content)
            .SingleAsync(ct);
        ulong approvedHash;
        ulong photoHash;
        try
        {
            approvedHash = PerceptualHash.Compute(scan);
            photoHash = PerceptualHash.Compute(photo);
        }
        catch (ArgumentException)
        {
            // Not an image (e.g. a PDF scan): the check does not apply; the photo itself stays as evidence.
            return null;
        }

        var distance = PerceptualHash.Distance(approvedHash, photoHash);
        if (DocumentSwapCheck.IsSwapped(approvedHash, photoHash))
        {
            var evidence = await SupervisionSql.QueryAsync(db, """
                SELECT index FROM ledger_entries WHERE kind IN ('request.submitted', 'grant.issued')
                AND convert_from(record, 'UTF8')::jsonb ->> 'request_id' = @r ORDER BY index
                """, r => r.GetInt64(0), ct, new NpgsqlParameter("r", requestId.ToString("D")));
            await anomalies.RaiseAsync(Rule, new AnomalyFinding(
                $"{requestId:D}/{photoId}", request.VillageId, request.DeviceId, requestId,
                $"the page photographed at stamping (photo {photoId}) differs from the approved material: perceptual distance {distance} > {DocumentSwapCheck.Threshold}",
                [.. evidence]), ct);
        }

        return distance;
    }
}
