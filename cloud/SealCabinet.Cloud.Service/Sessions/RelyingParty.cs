using Fido2NetLib;
using SealCabinet.Cloud.Service.Common;

namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>Who the passkeys are for: the configured relying party, or <c>localhost</c> in development.</summary>
internal static class RelyingParty
{
    /// <summary>The WebAuthn configuration for a call that reached the service as <paramref name="request"/>.</summary>
    public static Fido2Configuration For(SignInOptions options, HttpRequest request)
    {
        var host = request.Host.Host;
        var rpId = options.RelyingPartyId;
        if (string.IsNullOrWhiteSpace(rpId))
        {
            if (!string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                throw CloudException.Precondition(
                    $"passkeys are set up for localhost only; configure {SignInOptions.Section}:RelyingPartyId and {SignInOptions.Section}:Origins for '{Identifiers.Shorten(host)}'");
            }

            rpId = "localhost";
        }

        // Without configured origins the console is taken to be where the browser called: the service serves it itself.
        var origins = options.Origins.Length > 0 ? options.Origins : [$"{request.Scheme}://{request.Host.Value}"];
        return new Fido2Configuration
        {
            RPID = rpId,
            RPName = options.RelyingPartyName,
            Origins = new HashSet<string>(origins, StringComparer.Ordinal),
            Timeout = 120_000,
        };
    }
}
