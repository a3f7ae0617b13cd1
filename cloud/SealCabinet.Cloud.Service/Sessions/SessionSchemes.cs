namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>Authentication scheme names.</summary>
internal static class SessionSchemes
{
    /// <summary>The console session cookie.</summary>
    public const string Session = "Session";

    /// <summary>Forwards to the bearer scheme when an Authorization header is present, to the session cookie otherwise.</summary>
    public const string People = "People";
}
