using System.Net;
using SealCabinet.Cloud.Service.Tests.Infrastructure;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>The service serves the built console itself: a strict same-origin policy, hashed assets cached for good.</summary>
[TestFixture]
public sealed class WebConsoleTests
{
    private string _directory = "";
    private CloudServiceHost _host = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("sealcabinet-console-").FullName;
        Directory.CreateDirectory(Path.Combine(_directory, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "index.html"), "<!doctype html><title>印章</title><script type=module src=/assets/app-3f2a.js></script>");
        await File.WriteAllTextAsync(Path.Combine(_directory, "assets", "app-3f2a.js"), "export {};");
        _host = await CloudServiceHost.StartAsync("webconsole", new Dictionary<string, string?> { ["Console:Directory"] = _directory });
        _http = new HttpClient(_host.CreateServerHandler()) { BaseAddress = _host.BaseAddress };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task The_console_page_is_served_with_a_strict_policy_and_revalidated_on_every_load()
    {
        using var response = await _http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("/assets/app-3f2a.js"));
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.That(policy, Does.Contain("default-src 'none'").And.Contain("script-src 'self';").And.Contain("frame-ancestors 'none'"));
        Assert.That(policy, Does.Not.Contain("unsafe-inline").And.Not.Contain("unsafe-eval"));
        Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
    }

    [Test]
    public async Task Hashed_assets_are_cached_as_immutable()
    {
        using var response = await _http.GetAsync(new Uri("/assets/app-3f2a.js", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.MaxAge, Is.EqualTo(TimeSpan.FromDays(365)));
        Assert.That(response.Headers.CacheControl?.ToString(), Does.Contain("immutable"));
    }

    [Test]
    public async Task A_path_outside_the_console_directory_is_not_served()
    {
        using var response = await _http.GetAsync(new Uri("/assets/..%2F..%2Fetc%2Fpasswd", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
