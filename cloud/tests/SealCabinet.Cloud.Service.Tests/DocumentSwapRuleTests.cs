using Google.Protobuf;
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
    public async Task StartAsync()
    {
        _host = await CloudServiceHost.StartAsync("swap");
        _village = await Infrastructure.Village.CreateAsync(_host, "town-swap", "swap");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

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
