namespace SealCabinet.Cloud.Service.WebConsole;

/// <summary>The headers of every console response: a strict same-origin policy and the cache rule for Vite's build output.</summary>
internal static class ConsoleHeaders
{
    /// <summary>
    /// Nothing unless named, and what is named comes from this origin only: the console's scripts, styles and
    /// gRPC-Web calls all come from the service itself; no inline script or style. Images also from blob: and data:
    /// URLs, for previews of photos the phone's camera just took and of evidence bytes turned into object URLs.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; "
        + "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The camera scans materials; nothing else the browser offers is needed.</summary>
    public const string PermissionsPolicy = "camera=(self), microphone=(), geolocation=()";

    /// <summary>Vite puts content-hashed file names under <c>assets/</c>: a changed file gets a new name, so they never go stale.</summary>
    public const string ImmutableCache = "public, max-age=31536000, immutable";

    /// <summary>index.html names the current hashed assets, so it (and anything unhashed) is revalidated on every load.</summary>
    public const string Revalidate = "no-cache";

    public static void ApplySecurity(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
    }

    public static void ApplyCaching(HttpResponse response, PathString path) =>
        response.Headers.CacheControl = path.StartsWithSegments("/assets", StringComparison.Ordinal) ? ImmutableCache : Revalidate;
}
