using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests.Ingestion;

/// <summary>
/// With Webhook:Secret every post is signed (an HMAC of its body and time in a header, and DingTalk's 加签 parameters
/// in signed-robot mode), and what people typed reaches the robot's markdown escaped.
/// </summary>
[TestFixture]
public sealed class SignedWebhookTests
{
    private const string Secret = "SEC-test-robot-secret";

    private WebhookReceiver _receiver = null!;
    private CloudServiceHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _receiver = new WebhookReceiver(failures: 0);
        _host = await CloudServiceHost.StartAsync("signed-webhook", new Dictionary<string, string?>
        {
            ["Webhook:Url"] = _receiver.Url,
            ["Webhook:Secret"] = Secret,
            ["Webhook:DingTalkSigning"] = "true",
            ["Webhook:PollInterval"] = "00:00:00.200",
        });
        var village = await Village.CreateUniqueAsync(_host, "signed-hook");
        var submission = village.CommitteeSubmission();
        submission.ApplicantName = "王**小明**[点我](http://evil.example)";
        await village.Custodian.Requests.SubmitRequestAsync(submission);
        await _receiver.WaitForAcceptedAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        _receiver.Dispose();
    }

    [Test]
    public void Each_post_carries_an_hmac_of_its_time_and_body_under_the_shared_secret()
    {
        var post = _receiver.Received.First();

        var parts = post.Signature!.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(parts["t"] + "." + post.Body)));
        Assert.That(parts["v1"], Is.EqualTo(expected));
        Assert.That(long.Parse(parts["t"]), Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).Within(120_000), "a recent time, so old posts can be refused");
        Assert.That(post.Body, Does.Not.Contain(Secret));
    }

    [Test]
    public void Each_post_carries_dingtalks_signed_robot_parameters()
    {
        var query = HttpUtility.ParseQueryString(_receiver.Received.First().Query);

        var timestamp = query["timestamp"]!;
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "\n" + Secret)));
        Assert.That(query["sign"], Is.EqualTo(expected));
    }

    [Test]
    public void What_people_typed_is_escaped_in_the_robots_markdown()
    {
        using var body = JsonDocument.Parse(_receiver.Received.First().Body);

        var text = body.RootElement.GetProperty("markdown").GetProperty("text").GetString();
        Assert.That(text, Does.Contain(@"王\*\*小明\*\*\[点我\]\(http://evil\.example\)"));
        Assert.That(text, Does.StartWith("### "), "the service's own heading stays a heading");
    }
}
