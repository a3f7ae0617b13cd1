using System.Net;
using System.Net.Http.Headers;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Host.Power;

namespace SealCabinet.Firmware.Host.Network;

/// <summary>
/// The core's HTTP seam on <see cref="HttpClient"/>, speaking HTTP/1.1 only (as nanoFramework's HttpClient does) to
/// the gRPC-Web endpoint. Synchronous, like the device. Only the response body and headers are handed to the core:
/// trailers are dropped on purpose (nanoFramework's HttpClient drops them), so the core must read the gRPC status from
/// the body. Network errors and timeouts are failed responses, never exceptions. Fault injection, off by default:
/// <see cref="Network"/> fails calls as a dead link or an unreachable gateway would, <see cref="Rail"/> makes a power
/// cut abort the call in flight, <see cref="CutPowerAfterSend"/> cuts the power between the request and its answer.
/// </summary>
public sealed class HttpClientTransport : IHttpTransport, IDisposable
{
    private static readonly HttpClient SharedClient = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly TimeSpan _timeout;
    private long _calls;

    /// <summary>Creates the transport.</summary>
    /// <param name="timeout">Per-call timeout.</param>
    /// <param name="handler">
    /// Optional handler (TLS settings, in-process test servers); disposed with the transport. Without one, every
    /// transport shares one pooled client (a fleet of simulated cabinets opens no socket per cabinet).
    /// </param>
    public HttpClientTransport(TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        _timeout = timeout;
        _ownsClient = handler is not null;
        _client = handler is null ? SharedClient : new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Fault switches of the link (Wi-Fi down, gateway unreachable); null: always reachable.</summary>
    public NetworkConditions? Network { get; init; }

    /// <summary>The boot's power: a cut aborts the call in flight with <see cref="PowerLostException"/>; null: never cut.</summary>
    public PowerRail? Rail { get; init; }

    /// <summary>
    /// Given a request URL, says whether the power fails once that request has reached the server and before the
    /// device reads the answer (the server stored it; the device never learns so). Needs <see cref="Rail"/>; null: never.
    /// </summary>
    public Func<string, bool>? CutPowerAfterSend { get; init; }

    /// <summary>Calls made (completed or not).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <inheritdoc />
    public HttpTransportResponse Post(string url, string contentType, string[] headerNames, string[] headerValues, byte[] body)
    {
        Rail?.EnsureOn();
        Interlocked.Increment(ref _calls);
        if (Network is { LinkUp: false })
        {
            return HttpTransportResponse.Failed("network unreachable (Wi-Fi link down)");
        }

        if (Network is { CloudReachable: false })
        {
            return HttpTransportResponse.Failed("connection to the gateway timed out");
        }

        using var timeout = Rail is null ? new CancellationTokenSource() : CancellationTokenSource.CreateLinkedTokenSource(Rail.CutToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            for (var i = 0; i < headerNames.Length; i++)
            {
                request.Headers.TryAddWithoutValidation(headerNames[i], headerValues[i]);
            }

            using var response = _client.Send(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            if (Rail is not null && CutPowerAfterSend?.Invoke(url) == true)
            {
                Rail.Cut();
                throw new PowerLostException($"power cut while waiting for the answer to {url}");
            }

            using var stream = response.Content.ReadAsStream(timeout.Token);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var names = new List<string>();
            var values = new List<string>();
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                names.Add(header.Key);
                values.Add(string.Join(",", header.Value));
            }

            return new HttpTransportResponse((int)response.StatusCode, buffer.ToArray(), [.. names], [.. values]);
        }
        catch (OperationCanceledException) when (Rail is { IsOn: false })
        {
            throw new PowerLostException("power cut during a gateway call");
        }
        catch (OperationCanceledException)
        {
            return HttpTransportResponse.Failed("gateway call timed out");
        }
        catch (HttpRequestException e)
        {
            return HttpTransportResponse.Failed(e.Message);
        }
        catch (IOException e)
        {
            return HttpTransportResponse.Failed(e.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
