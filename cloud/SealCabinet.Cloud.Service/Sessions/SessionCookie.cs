namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>The browser's side of a session: an HttpOnly cookie, and the header that proves a same-origin caller.</summary>
internal static class SessionCookie
{
    public const string Name = "sealcabinet_session";

    /// <summary>
    /// Every cookie-authenticated call must carry this header with value <c>1</c>. A page of another site can make the
    /// browser send the cookie (SameSite=Strict already stops most of that) but cannot add a header without a CORS
    /// pre-flight, which this service never grants.
    /// </summary>
    public const string CsrfHeader = "x-sealcabinet-csrf";

    public static void Write(HttpResponse response, string secret, DateTimeOffset expires) =>
        response.Cookies.Append(Name, secret, Options(response.HttpContext.Request, expires));

    public static void Clear(HttpResponse response) =>
        response.Cookies.Delete(Name, Options(response.HttpContext.Request, DateTimeOffset.UnixEpoch));

    /// <summary>The console's cookies: HttpOnly, SameSite=Strict, Secure over HTTPS, for the whole origin.</summary>
    public static CookieOptions Options(HttpRequest request, DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
