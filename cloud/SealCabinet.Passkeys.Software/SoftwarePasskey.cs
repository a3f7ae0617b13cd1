using System.Buffers.Binary;
using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SealCabinet.Passkeys.Software;

/// <summary>
/// A simulated phone's passkey, for the demo and tests — never for production sign-in: the private key lives in
/// process memory and every ceremony is answered without asking anyone. It plays browser and authenticator in one:
/// given the options a relying party hands <c>navigator.credentials.create()</c> or <c>.get()</c> in their JSON form
/// (WebAuthn Level 3: PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON), it returns what
/// the browser would (RegistrationResponseJSON, AuthenticationResponseJSON): an ES256 (P-256) credential with "none"
/// attestation, the user verified, and a signature counter that grows by one at every ceremony.
/// </summary>
/// <remarks>
/// It answers what it is asked, as a test authenticator should: it does not check that the relying-party id belongs to
/// <see cref="Origin"/> or that its credential is among the allowed ones, so tests can present to a relying party
/// exactly the answers it must refuse.
/// </remarks>
public sealed class SoftwarePasskey : IDisposable
{
    /// <summary>The COSE algorithm of the credential: ES256 (ECDSA with P-256 and SHA-256).</summary>
    public const int CoseAlgorithm = -7;

    private const byte UserPresent = 0x01;
    private const byte UserVerified = 0x04;
    private const byte AttestedCredentialData = 0x40;

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _credentialId = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] _cosePublicKey;
    private byte[]? _userHandle;
    private uint _counter;

    /// <summary>Creates a passkey with a fresh key pair and a random 16-byte credential id; nothing is registered yet.</summary>
    public SoftwarePasskey()
    {
        var point = _key.ExportParameters(false).Q;

        // CTAP2 canonical CBOR, as an authenticator writes it: these bytes are what the relying party stores.
        var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cose.WriteStartMap(5);
        cose.WriteInt32(1);
        cose.WriteInt32(2);
        cose.WriteInt32(3);
        cose.WriteInt32(CoseAlgorithm);
        cose.WriteInt32(-1);
        cose.WriteInt32(1);
        cose.WriteInt32(-2);
        cose.WriteByteString(point.X!);
        cose.WriteInt32(-3);
        cose.WriteByteString(point.Y!);
        cose.WriteEndMap();
        _cosePublicKey = cose.Encode();
    }

    /// <summary>The credential id (16 random bytes), as the relying party sees it in <c>rawId</c>.</summary>
    public byte[] CredentialId => [.. _credentialId];

    /// <summary>The credential's public key as a COSE_Key (EC2, ES256, P-256), byte for byte as in the registration.</summary>
    public byte[] CosePublicKey => [.. _cosePublicKey];

    /// <summary>
    /// The origin the "browser" reports in clientDataJSON (default <c>http://localhost</c>): the page the person
    /// would have open, e.g. the web console's address.
    /// </summary>
    public string Origin { get; set; } = "http://localhost";

    /// <summary>
    /// Whether the "phone" verifies the user (PIN or biometric; the UV flag). False answers as an authenticator that
    /// checked only the user's presence. Default true.
    /// </summary>
    public bool VerifiesUser { get; set; } = true;

    /// <summary>Answers PublicKeyCredentialCreationOptionsJSON with a RegistrationResponseJSON for this credential.</summary>
    /// <param name="creationOptionsJson">The options, as the relying party sent them for <c>navigator.credentials.create()</c>.</param>
    /// <returns>The RegistrationResponseJSON to send back.</returns>
    /// <exception cref="FormatException">The options are not JSON or lack the challenge or the user id.</exception>
    /// <exception cref="NotSupportedException">The options accept no ES256 key.</exception>
    public string Register(string creationOptionsJson)
    {
        var options = Parse(creationOptionsJson, "creation options");
        if (options["pubKeyCredParams"] is JsonArray { Count: > 0 } parameters
            && !parameters.Any(p => p?["alg"] is JsonValue alg && alg.TryGetValue<int>(out var value) && value == CoseAlgorithm))
        {
            throw new NotSupportedException("the creation options accept no ES256 (-7) key, the only kind this passkey makes");
        }

        var userHandle = Base64UrlField(options["user"]?["id"], "user.id");
        var clientData = ClientData("webauthn.create", Base64UrlField(options["challenge"], "challenge"));
        var rpId = options["rp"]?["id"]?.GetValue<string>() ?? OriginHost();
        var idLength = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(idLength, (ushort)_credentialId.Length);

        // Attested credential data: an all-zero AAGUID (a "none" attestation says nothing of the make), the id, the key.
        byte[] authenticatorData = [.. AuthenticatorData(rpId, (byte)(Flags() | AttestedCredentialData)), .. new byte[16], .. idLength, .. _credentialId, .. _cosePublicKey];
        var attestation = new CborWriter(CborConformanceMode.Ctap2Canonical);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString(authenticatorData);
        attestation.WriteEndMap();

        _userHandle = userHandle;
        return Response(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["attestationObject"] = Base64Url.EncodeToString(attestation.Encode()),
            ["transports"] = new JsonArray("internal"),
        });
    }

    /// <summary>Answers PublicKeyCredentialRequestOptionsJSON with an AuthenticationResponseJSON signed by this credential.</summary>
    /// <param name="requestOptionsJson">The options, as the relying party sent them for <c>navigator.credentials.get()</c>.</param>
    /// <returns>The AuthenticationResponseJSON to send back.</returns>
    /// <exception cref="FormatException">The options are not JSON or lack the challenge.</exception>
    /// <exception cref="InvalidOperationException">The passkey was never registered (a phone without it has nothing to answer with).</exception>
    public string Authenticate(string requestOptionsJson)
    {
        var options = Parse(requestOptionsJson, "request options");
        var userHandle = _userHandle ?? throw new InvalidOperationException("the passkey is not registered with any relying party yet; Register first");
        var clientData = ClientData("webauthn.get", Base64UrlField(options["challenge"], "challenge"));
        var authenticatorData = AuthenticatorData(options["rpId"]?.GetValue<string>() ?? OriginHost(), Flags());
        var signature = _key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Response(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["authenticatorData"] = Base64Url.EncodeToString(authenticatorData),
            ["signature"] = Base64Url.EncodeToString(signature),
            ["userHandle"] = Base64Url.EncodeToString(userHandle),
        });
    }

    /// <summary>Forgets the private key.</summary>
    public void Dispose() => _key.Dispose();

    private static JsonNode Parse(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new FormatException($"the {what} are not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the {what} are not JSON: {e.Message}", e);
        }
    }

    private static byte[] Base64UrlField(JsonNode? node, string name)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
        {
            try
            {
                return Base64Url.DecodeFromChars(text);
            }
            catch (FormatException e)
            {
                throw new FormatException($"the options' {name} is not base64url: {e.Message}", e);
            }
        }

        throw new FormatException($"the options have no {name}");
    }

    private byte Flags() => VerifiesUser ? (byte)(UserPresent | UserVerified) : UserPresent;

    /// <summary>Without an rp id in the options WebAuthn takes the origin's host (its effective domain).</summary>
    private string OriginHost() => new Uri(Origin).Host;

    /// <summary>clientDataJSON as a browser writes it; the challenge is echoed in base64url.</summary>
    private byte[] ClientData(string type, byte[] challenge) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["type"] = type,
            ["challenge"] = Base64Url.EncodeToString(challenge),
            ["origin"] = Origin,
            ["crossOrigin"] = false,
        });

    /// <summary>rpIdHash, flags and the signature counter (big-endian), incremented first.</summary>
    private byte[] AuthenticatorData(string rpId, byte flags)
    {
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, ++_counter);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. counter];
    }

    private string Response(JsonObject response) => new JsonObject
    {
        ["id"] = Base64Url.EncodeToString(_credentialId),
        ["rawId"] = Base64Url.EncodeToString(_credentialId),
        ["type"] = "public-key",
        ["authenticatorAttachment"] = "platform",
        ["response"] = response,
        ["clientExtensionResults"] = new JsonObject(),
    }.ToJsonString();
}
