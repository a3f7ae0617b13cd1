using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// A real OpenID Connect provider (panva/oidc-provider, from the console's npm packages) as a node process:
/// <c>cloud/SealCabinet.Cloud.Console/testing/identity-provider.mjs</c>. It signs people into the console with the
/// authorization code flow and gives an administrator's tool JWT access tokens, as an organisation's provider would.
/// </summary>
internal sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ConsoleClientId = "sealcabinet-console";
    public const string ToolClientId = "oidc-admin";

    private readonly Process _process;

    private TestIdentityProvider(Process process, string issuer, string consoleSecret, string toolSecret)
    {
        _process = process;
        Issuer = issuer;
        ConsoleClientSecret = consoleSecret;
        ToolClientSecret = toolSecret;
    }

    public string Issuer { get; }

    public string ConsoleClientSecret { get; }

    private string ToolClientSecret { get; }

    /// <summary>Starts the provider with the console registered at <paramref name="redirectUri"/>.</summary>
    public static async Task<TestIdentityProvider> StartAsync(string redirectUri, string audience, params string[] toolRoles)
    {
        var consoleSecret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var toolSecret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var settings = JsonSerializer.Serialize(new
        {
            consoleClient = new { id = ConsoleClientId, secret = consoleSecret, redirectUri },
            toolClient = new { id = ToolClientId, secret = toolSecret, roles = toolRoles },
            audience,
        });
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ConsolePerson.RepositoryRoot(), "cloud", "SealCabinet.Cloud.Console", "testing", "identity-provider.mjs"));
        start.ArgumentList.Add(settings);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null)
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            throw new InvalidOperationException($"the identity provider exited ({process.ExitCode}): {errors}");
        }

        var issuer = JsonDocument.Parse(line).RootElement.GetProperty("issuer").GetString()!;
        return new TestIdentityProvider(process, issuer, consoleSecret, toolSecret);
    }

    /// <summary>An access token for the administrator's tool (client credentials grant).</summary>
    public async Task<string> ToolTokenAsync()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ToolClientId}:{ToolClientSecret}")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
