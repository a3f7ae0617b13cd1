using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>An HTTP endpoint standing in for a DingTalk robot: refuses the first <c>failures</c> posts with 503, then accepts.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _failures;
    private readonly Task _loop;

    public WebhookReceiver(int failures)
    {
        _failures = failures;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/robot/send/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Every post received: its Idempotency-Key, body, the status answered, its signature header and query string.</summary>
    public ConcurrentQueue<WebhookPost> Received { get; } = new();

    public async Task<List<WebhookPost>> WaitForAcceptedAsync()
    {
        await Eventually.UntilAsync(_ => Task.FromResult(Received.Any(r => r.Status == 200)), TimeSpan.FromSeconds(30), "a webhook post answered 200");

        return [.. Received];
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var status = Received.Count < _failures ? 503 : 200;
            Received.Enqueue(new WebhookPost(
                context.Request.Headers["Idempotency-Key"], body, status, context.Request.Headers["X-SealCabinet-Signature"], context.Request.Url?.Query ?? ""));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
