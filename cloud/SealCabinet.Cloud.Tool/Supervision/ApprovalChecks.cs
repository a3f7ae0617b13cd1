using SealCabinet.Cloud.Tool.Infrastructure;
using SealCabinet.Ledger.Bundles;

namespace SealCabinet.Cloud.Tool.Supervision;

/// <summary>
/// How <c>sealctl audit verify</c> checks a bundle's signed approvals (docs/supervision.md §11.5): the relying-party id
/// and the console origins they must have been signed for, and whether unsigned ones fail.
/// </summary>
/// <param name="RelyingPartyId">The WebAuthn rp id (<c>--rp-id</c>), or null: the rpIdHash is then not checked.</param>
/// <param name="Origins">The exact origins (<c>--origin</c>); none: the origin is then not checked.</param>
/// <param name="RequireSignedApprovals">Whether an unsigned decision, an unendorsed passkey and a grant without a signed approval are failures.</param>
/// <param name="TrustedRoots">Fingerprints of the root passkeys the supervisor trusts (<c>--trusted-root</c>); none: roots are only reported.</param>
internal sealed record ApprovalChecks(string? RelyingPartyId, IReadOnlyList<string> Origins, bool RequireSignedApprovals, IReadOnlyList<string> TrustedRoots)
{
    /// <summary>No rp id, no origins, signatures not required: signed approvals are reported as not fully checked.</summary>
    public static ApprovalChecks None { get; } = new(null, [], false, []);

    /// <summary>Checks the options' form, since a value that can never match would report every signature invalid.</summary>
    /// <exception cref="UsageException">
    /// An rp id with a scheme, port or path, an origin not written as a browser serializes it, or a trusted root that is not
    /// a SHA-256 fingerprint.
    /// </exception>
    public static ApprovalChecks From(string? relyingPartyId, IReadOnlyList<string> origins, bool requireSignedApprovals, IReadOnlyList<string> trustedRoots)
    {
        // The console shows fingerprints in groups of four; they are accepted as shown, spaces and all.
        var roots = trustedRoots.Select(r => r.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToList();
        foreach (var (root, given) in roots.Zip(trustedRoots))
        {
            if (root.Length != 64 || !root.All(Uri.IsHexDigit))
            {
                throw new UsageException($"--trusted-root: '{given}' is not a passkey fingerprint (64 hexadecimal characters, SHA-256 of its public key)");
            }
        }

        if (relyingPartyId is not null && (relyingPartyId.Length == 0 || relyingPartyId.IndexOfAny([':', '/', ' ']) >= 0))
        {
            throw new UsageException($"--rp-id: '{relyingPartyId}' is not a host name; an rp id is a domain such as seal.example or localhost, without scheme, port or path");
        }

        foreach (var origin in origins)
        {
            // A browser writes the origin as scheme://host[:port], lower-case, without a default port or a trailing slash.
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || !string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.Ordinal))
            {
                var written = uri is { Scheme: "https" or "http" } ? $" (a browser writes it as {uri.GetLeftPart(UriPartial.Authority)})" : "";
                throw new UsageException($"--origin: '{origin}' is not an origin as clientDataJSON carries it, scheme://host[:port]{written}");
            }
        }

        return new ApprovalChecks(relyingPartyId, origins, requireSignedApprovals, roots);
    }

    /// <summary>The verifier's options with these checks.</summary>
    public BundleVerifierOptions Options(Ledger.Signing.SignedTreeHead? savedTreeHead, IEnumerable<StoredRecord>? rows) => new()
    {
        SavedTreeHead = savedTreeHead,
        RecordSource = rows,
        RelyingPartyId = RelyingPartyId,
        AllowedOrigins = Origins.Count > 0 ? Origins : null,
        RequireSignedApprovals = RequireSignedApprovals,
        TrustedRoots = TrustedRoots.Count > 0 ? TrustedRoots : null,
    };
}
