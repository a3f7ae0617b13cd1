using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests.Ingestion;

/// <summary>The webhook sink retries a refused delivery with back-off until the receiver accepts it, with one idempotency key.</summary>
[TestFixture]
public sealed class WebhookTests
{
    private WebhookReceiver _receiver = null!;
    private CloudServiceHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _receiver = new WebhookReceiver(failures: 2);
        _host = await CloudServiceHost.StartAsync("webhook", new Dictionary<string, string?>
        {
            ["Webhook:Url"] = _receiver.Url,
            ["Webhook:InitialRetryDelay"] = "00:00:00.200",
            ["Webhook:PollInterval"] = "00:00:00.200",
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        _receiver.Dispose();
    }

    [Test]
    public async Task A_notification_is_posted_again_after_refusals_until_accepted_with_the_same_idempotency_key()
    {
        var village = await Village.CreateAsync(_host, "town-hook", "hook");

        var request = await village.SubmitAsync();
        var posts = await _receiver.WaitForAcceptedAsync();

        Assert.That(posts.Select(p => p.Status), Is.EqualTo(new[] { 503, 503, 200 }));
        Assert.That(posts.Select(p => p.Key).Distinct().Count(), Is.EqualTo(1));
        Assert.That(posts[0].Key, Does.StartWith("sealcabinet-notification-"));
        using var body = JsonDocument.Parse(posts[2].Body);
        Assert.That(body.RootElement.GetProperty("msgtype").GetString(), Is.EqualTo("markdown"));
        Assert.That(body.RootElement.GetProperty("markdown").GetProperty("text").GetString(), Does.Contain("王小明"));
        Assert.That(body.RootElement.GetProperty("sealcabinet").GetProperty("kind").GetString(), Is.EqualTo("RequestSubmitted"));
        Assert.That(body.RootElement.GetProperty("sealcabinet").GetProperty("request_id").GetString(), Is.EqualTo(request.RequestId));
        var delivery = await DeliveredAsync();
        Assert.That(delivery.Attempts, Is.EqualTo(3));
        Assert.That(posts[0].Key, Is.EqualTo($"sealcabinet-notification-{delivery.NotificationId}"));
    }

    /// <summary>The delivery row once the dispatcher has recorded the accepted post (it commits after the receiver answers).</summary>
    private async Task<Persistence.WebhookDelivery> DeliveredAsync()
    {
        Persistence.WebhookDelivery? delivery = null;
        await Eventually.UntilAsync(async token =>
        {
            await using var db = _host.CreateDbContext();
            delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(token);
            return delivery.DeliveredAt is not null;
        }, TimeSpan.FromSeconds(30), "the webhook delivery recorded as delivered");
        return delivery!;
    }
}
