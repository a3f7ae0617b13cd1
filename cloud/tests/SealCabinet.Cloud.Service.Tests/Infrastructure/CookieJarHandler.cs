using System.Net;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>
/// What a browser does with the session cookie: keeps what the service sets and sends it back, plus the console's
/// same-origin header unless a test leaves it out.
/// </summary>
internal sealed class CookieJarHandler(Uri origin, bool sendCsrfHeader, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public CookieContainer Cookies { get; } = new();

    /// <summary>The raw Set-Cookie headers of the last response that set one.</summary>
    public IReadOnlyList<string> LastSetCookie { get; private set; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cookie = Cookies.GetCookieHeader(origin);
        if (cookie.Length > 0)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (sendCsrfHeader)
        {
            request.Headers.Add("x-sealcabinet-csrf", "1");
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            LastSetCookie = [.. values];
            foreach (var value in LastSetCookie)
            {
                Cookies.SetCookies(origin, value);
            }
        }

        return response;
    }
}
