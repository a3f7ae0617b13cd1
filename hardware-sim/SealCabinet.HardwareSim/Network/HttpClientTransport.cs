using System.Net;
using System.Net.Http.Headers;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.HardwareSim.Board;

namespace SealCabinet.HardwareSim.Network;

/// <summary>
/// The core's HTTP seam on <see cref="HttpClient"/>, speaking HTTP/1.1 only (as nanoFramework's HttpClient does) to
/// the gRPC-Web endpoint. Synchronous, like the device. Trailers are dropped on purpose: the core must read the
/// gRPC status from the body. Network faults and power cuts fail the call as a dead link would.
/// </summary>
public sealed class HttpClientTransport : IHttpTransport
{
    private static readonly HttpClient SharedClient = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly NetworkConditions _network;
    private readonly PowerRail _rail;
    private readonly TimeSpan _timeout;
    private readonly Func<string, bool> _cutAfterSend;
    private long _calls;

    /// <summary>Creates the transport of one boot.</summary>
    /// <param name="network">Fault switches.</param>
    /// <param name="rail">The boot's power.</param>
    /// <param name="timeout">Per-call timeout.</param>
    /// <param name="cutAfterSend">
    /// Given a request URL, says whether the power fails once that request has reached the server and before the
    /// device reads the answer (the server stored it; the device never learns so).
    /// </param>
    public HttpClientTransport(NetworkConditions network, PowerRail rail, TimeSpan timeout, Func<string, bool>? cutAfterSend = null)
    {
        _network = network;
        _rail = rail;
        _timeout = timeout;
        _cutAfterSend = cutAfterSend ?? (_ => false);
    }

    /// <summary>Calls made (completed or not).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <inheritdoc />
    public HttpTransportResponse Post(string url, string contentType, string[] headerNames, string[] headerValues, byte[] body)
    {
        _rail.EnsureOn();
        Interlocked.Increment(ref _calls);
        if (!_network.LinkUp)
        {
            return HttpTransportResponse.Failed("network unreachable (Wi-Fi link down)");
        }

        if (!_network.CloudReachable)
        {
            return HttpTransportResponse.Failed("connection to the gateway timed out");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_rail.CutToken);
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

            using var response = SharedClient.Send(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            if (_cutAfterSend(url))
            {
                _rail.Cut();
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
        catch (OperationCanceledException) when (!_rail.IsOn)
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
}
