using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace SealCabinet.Ledger.Approvals;

/// <summary>
/// Verifies a WebAuthn assertion over a signed statement (an approval statement or a credential endorsement) offline, with only the credential's COSE public key:
/// the parts of W3C WebAuthn Level 2 §7.2 that need no server state (docs/supervision.md §11). The sign counter is
/// returned for the caller to compare with the last one it saw.
/// </summary>
public static class WebAuthnVerifier
{
    /// <summary>The clientDataJSON <c>type</c> of an assertion.</summary>
    public const string AssertionType = "webauthn.get";

    /// <summary>authenticatorData flag UP: a person touched the authenticator.</summary>
    public const byte UserPresent = 0x01;

    /// <summary>authenticatorData flag UV: the authenticator verified the person (PIN, fingerprint, face).</summary>
    public const byte UserVerified = 0x04;

    /// <summary>Shortest authenticatorData: rpIdHash (32), flags (1), signCount (4).</summary>
    public const int MinimumAuthenticatorDataLength = 37;

    /// <summary>
    /// The COSE algorithm of a credential's public key (what a <c>person.credential.registered</c> entry records), when
    /// the key is one this verifier can check (ES256, RS256, EdDSA) and well-formed.
    /// </summary>
    /// <param name="cosePublicKey">The COSE_Key bytes as registered.</param>
    /// <param name="algorithm">The key's algorithm, e.g. -7 for ES256; 0 when false is returned.</param>
    /// <returns>True when the key is supported and well-formed.</returns>
    public static bool TryGetAlgorithm(ReadOnlySpan<byte> cosePublicKey, out long algorithm)
    {
        using var key = CoseKey.TryParse(cosePublicKey, out algorithm, out _);
        if (key is null)
        {
            algorithm = 0;
        }

        return key is not null;
    }

    /// <summary>
    /// Checks <paramref name="assertion"/> against <paramref name="cosePublicKey"/>: clientDataJSON is a JSON object
    /// with <c>type</c> <see cref="AssertionType"/>, <c>challenge</c> the unpadded base64url of
    /// <see cref="ApprovalStatements.Challenge"/> of the statement, <c>origin</c> one of
    /// <paramref name="allowedOrigins"/> (exact match) and <c>crossOrigin</c> not true; authenticatorData starts with
    /// SHA-256 of <paramref name="rpId"/> and has UP set (and UV when <paramref name="requireUserVerification"/>);
    /// the signature over authenticatorData || SHA-256(clientDataJSON) verifies (ES256, RS256 or EdDSA). Malformed
    /// input of any kind gives an invalid result naming the problem, never an exception.
    /// </summary>
    public static WebAuthnCheck Verify(
        ReadOnlySpan<byte> cosePublicKey, SignedStatement assertion, string rpId, IReadOnlyCollection<string> allowedOrigins, bool requireUserVerification = true)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(rpId);
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        return Check(cosePublicKey, assertion, rpId, allowedOrigins, requireUserVerification);
    }

    /// <summary>
    /// <see cref="Verify"/>, except that a null <paramref name="rpId"/> skips the rpIdHash check and null
    /// <paramref name="allowedOrigins"/> skip the origin check: the bundle verifier reports those as not checked.
    /// </summary>
    internal static WebAuthnCheck Check(
        ReadOnlySpan<byte> cosePublicKey, SignedStatement assertion, string? rpId, IReadOnlyCollection<string>? allowedOrigins, bool requireUserVerification)
    {
        using var key = CoseKey.TryParse(cosePublicKey, out var algorithm, out var keyFailure);
        if (key is null)
        {
            return new WebAuthnCheck(false, keyFailure, 0, algorithm);
        }

        if (assertion.Statement is null || assertion.AuthenticatorData is null || assertion.ClientDataJson is null || assertion.Signature is null)
        {
            return new WebAuthnCheck(false, "the assertion lacks its statement, authenticatorData, clientDataJSON or signature", 0, algorithm);
        }

        var authenticatorData = assertion.AuthenticatorData;
        var signCount = authenticatorData.Length >= MinimumAuthenticatorDataLength
            ? BinaryPrimitives.ReadUInt32BigEndian(authenticatorData.AsSpan(33, 4))
            : 0;
        var failure = CheckClientData(assertion.ClientDataJson, assertion.Statement, allowedOrigins);
        if (failure.Length == 0)
        {
            failure = CheckAuthenticatorData(authenticatorData, rpId, requireUserVerification);
        }

        if (failure.Length == 0)
        {
            byte[] signed = [.. authenticatorData, .. SHA256.HashData(assertion.ClientDataJson)];
            if (!key.Verify(signed, assertion.Signature, out var signatureFailure))
            {
                failure = signatureFailure.Length > 0 ? signatureFailure : "signature does not verify";
            }
        }

        return new WebAuthnCheck(failure.Length == 0, failure, signCount, algorithm);
    }

    private static string CheckClientData(byte[] clientDataJson, byte[] statement, IReadOnlyCollection<string>? allowedOrigins)
    {
        // The JSON reader checks UTF-8 only when a string is read, so bad bytes must be caught before that.
        if (!Utf8.IsValid(clientDataJson))
        {
            return "clientDataJSON is not valid UTF-8";
        }

        JsonDocument document;
        try
        {
            // Duplicate members are refused so that no two parsers can read a different challenge or origin.
            document = JsonDocument.Parse(clientDataJson, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            return "clientDataJSON is not valid JSON: " + ex.Message;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "clientDataJSON is not a JSON object";
            }

            if (Text(root, "type") is not { } type)
            {
                return "clientDataJSON has no string member 'type'";
            }

            if (type != AssertionType)
            {
                return $"clientDataJSON type is '{type}', expected '{AssertionType}'";
            }

            if (Text(root, "challenge") is not { } challenge)
            {
                return "clientDataJSON has no string member 'challenge'";
            }

            if (challenge != Base64Url.EncodeToString(ApprovalStatements.Challenge(statement)))
            {
                return "challenge is not SHA-256 of the statement";
            }

            if (Text(root, "origin") is not { } origin)
            {
                return "clientDataJSON has no string member 'origin'";
            }

            if (allowedOrigins is not null && !allowedOrigins.Any(allowed => string.Equals(allowed, origin, StringComparison.Ordinal)))
            {
                return $"origin {origin} is not allowed";
            }

            if (root.TryGetProperty("crossOrigin", out var crossOrigin))
            {
                switch (crossOrigin.ValueKind)
                {
                    case JsonValueKind.True:
                        return "crossOrigin is true: the assertion was made inside a frame of another origin";
                    case JsonValueKind.False:
                        break;
                    default:
                        return "clientDataJSON member 'crossOrigin' is not a boolean";
                }
            }
        }

        return "";
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string CheckAuthenticatorData(byte[] authenticatorData, string? rpId, bool requireUserVerification)
    {
        if (authenticatorData.Length < MinimumAuthenticatorDataLength)
        {
            return $"authenticatorData is {authenticatorData.Length} bytes; at least {MinimumAuthenticatorDataLength} are required";
        }

        if (rpId is not null && !authenticatorData.AsSpan(0, 32).SequenceEqual(SHA256.HashData(Encoding.UTF8.GetBytes(rpId))))
        {
            return $"rpIdHash does not match rp id {rpId}";
        }

        var flags = authenticatorData[32];
        if ((flags & UserPresent) == 0)
        {
            return "user presence flag not set";
        }

        if (requireUserVerification && (flags & UserVerified) == 0)
        {
            return "user verification flag not set";
        }

        return "";
    }
}
