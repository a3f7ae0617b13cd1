using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Evidence;
using Microsoft.Extensions.DependencyInjection;
using SealCabinet.Cloud.Service.Supervision;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Evidence.Imaging.Rendering;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>The document-swapped rule on generated pages: the approved scan against the photo taken at stamping.</summary>
[TestFixture]
public sealed class DocumentSwapRuleTests
{
    private CloudServiceHost _host = null!;
    private Infrastructure.Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("swap");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task NewVillageAsync() => _village = await Infrastructure.Village.CreateUniqueAsync(_host, "swap");

    [Test]
    public async Task A_photo_of_another_page_is_flagged_as_a_swapped_document()
    {
        var requestId = await SubmitWithScanAsync(pageSeed: 11);
        using var other = DocumentPageRenderer.Render(seed: 12);
        using var stamped = SealImprintRenderer.Stamp(other, seed: 3);

        var distance = await CheckAsync(requestId, "photo-a", CameraSimulator.Capture(stamped, seed: 5));

        Assert.That(distance, Is.GreaterThan(8));
        var found = await AnomaliesAsync();
        Assert.That(found.Select(a => (a.RequestId, a.Summary.Contains("photo-a", StringComparison.Ordinal))).ToList(), Is.EqualTo(new[] { (requestId, true) }));
        Assert.That(found[0].LedgerIndexes, Is.Not.Empty);
    }

    [Test]
    public async Task A_photo_of_the_approved_page_with_the_seal_imprint_is_not_flagged()
    {
        // Page 0 of the calibration set (same seeds as DocumentSwapCalibrationTests).
        var requestId = await SubmitWithScanAsync(pageSeed: 1000);
        using var page = DocumentPageRenderer.Render(seed: 1000);
        using var stamped = SealImprintRenderer.Stamp(page, seed: 2000);

        var distance = await CheckAsync(requestId, "photo-b", CameraSimulator.Capture(stamped, seed: 3000));

        Assert.That(distance, Is.LessThanOrEqualTo(8));
        Assert.That((await AnomaliesAsync()).Where(a => a.RequestId == requestId), Is.Empty);
    }

    [Test]
    public async Task Verified_document_photos_in_the_evidence_store_are_checked_once_and_a_swap_is_raised()
    {
        var swappedRequest = await SubmitWithScanAsync(pageSeed: 31);
        var genuineRequest = await SubmitWithScanAsync(pageSeed: 1001);
        using var other = DocumentPageRenderer.Render(seed: 32);
        using var genuine = DocumentPageRenderer.Render(seed: 1001);
        using var stampedGenuine = SealImprintRenderer.Stamp(genuine, seed: 2001);
        await StoreEvidenceAsync(swappedRequest, "ev-swapped", CameraSimulator.Capture(other, seed: 7));
        await StoreEvidenceAsync(genuineRequest, "ev-genuine", CameraSimulator.Capture(stampedGenuine, seed: 3001));

        await using var scope = _host.Services.CreateAsyncScope();
        var checker = scope.ServiceProvider.GetRequiredService<DocumentSwapChecker>();
        var first = await checker.CheckPendingAsync(CancellationToken.None);
        var second = await checker.CheckPendingAsync(CancellationToken.None);

        Assert.That((first, second), Is.EqualTo((2, 0)));
        var flagged = (await AnomaliesAsync()).Where(a => a.RequestId == swappedRequest || a.RequestId == genuineRequest).Select(a => a.RequestId).ToList();
        Assert.That(flagged, Is.EqualTo(new[] { swappedRequest }));
    }

    private async Task StoreEvidenceAsync(string requestId, string evidenceId, byte[] photo)
    {
        var deviceId = _village.Cabinet.DeviceId;
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IEvidenceStore>().PutChunkAsync(deviceId, evidenceId, 0, photo, CancellationToken.None);
        }

        await using var db = _host.CreateDbContext();
        var request = Guid.Parse(requestId);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO evidence_objects (device_id, evidence_id, kind, total_size, received_bytes, complete, verified, request_id, content_type, created_at, completed_at)
            VALUES ({deviceId}, {evidenceId}, 2, {photo.Length}, {photo.Length}, true, true, {request}, 'image/jpeg', now(), now())
            """);
    }

    private async Task<string> SubmitWithScanAsync(int pageSeed)
    {
        var submission = _village.CommitteeSubmission();
        submission.Materials[0].Content = ByteString.CopyFrom(DocumentPageRenderer.RenderJpeg(pageSeed));
        var request = (await _village.Custodian.Requests.SubmitRequestAsync(submission)).Request;
        await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });
        return request.RequestId;
    }

    private async Task<int?> CheckAsync(string requestId, string photoId, byte[] photo)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DocumentSwapChecker>().CheckAsync(Guid.Parse(requestId), photoId, photo, CancellationToken.None);
    }

    private async Task<IReadOnlyList<Contracts.V1.Anomaly>> AnomaliesAsync() =>
        (await _village.Supervisor.Audit.ListAnomaliesAsync(new ListAnomaliesRequest { VillageId = _village.VillageId, Rule = DocumentSwapChecker.Rule })).Anomalies;
}
