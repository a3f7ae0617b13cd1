using Microsoft.EntityFrameworkCore;
using Npgsql;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Evidence.Imaging.Hashing;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>
/// The document-swapped rule: compares a page photographed by the cabinet at stamping with the material the request
/// was approved on (its first scan) by perceptual hash (<see cref="DocumentSwapCheck"/>, threshold calibrated in
/// docs/supervision.md §9) and raises one anomaly per (request, photo) when they differ.
/// </summary>
internal sealed class DocumentSwapChecker(CloudDbContext db, AnomalyService anomalies)
{
    public const string Rule = "document-swapped";

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
