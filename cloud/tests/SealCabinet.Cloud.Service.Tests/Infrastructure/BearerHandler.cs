using System.Net.Http.Headers;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>Adds a bearer token to every call of a channel.</summary>
internal sealed class BearerHandler(string? token, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
