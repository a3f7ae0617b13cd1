using System.Buffers.Binary;
using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>
/// A passkey authenticator in software (ES256, "none" attestation, user verified), answering the service's WebAuthn
/// options the way a phone does, so the service's verification can be tested without a browser. The browser tests
/// use Chromium's own virtual authenticator.
/// </summary>
internal sealed class SoftwarePasskey : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private byte[] _userHandle = [];
    private uint _counter;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>The origin the "browser" reports in clientDataJSON.</summary>
    public string Origin { get; set; } = "http://localhost";

    /// <summary>False answers as an authenticator that checked user presence but not the user (no PIN or biometric).</summary>
    public bool VerifiesUser { get; set; } = true;

    /// <summary>The credential's public key as a COSE_Key (EC2, ES256, P-256), as registered.</summary>
    public byte[] CosePublicKey
    {
        get
        {
            var parameters = _key.ExportParameters(false);
            var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
            cose.WriteStartMap(5);
            cose.WriteInt32(1); cose.WriteInt32(2);
            cose.WriteInt32(3); cose.WriteInt32(-7);
            cose.WriteInt32(-1); cose.WriteInt32(1);
            cose.WriteInt32(-2); cose.WriteByteString(parameters.Q.X!);
            cose.WriteInt32(-3); cose.WriteByteString(parameters.Q.Y!);
            cose.WriteEndMap();
            return cose.Encode();
        }
    }

    /// <summary>Answers PublicKeyCredentialCreationOptionsJSON with a RegistrationResponseJSON.</summary>
    public string Register(string optionsJson)
    {
        var options = JsonNode.Parse(optionsJson)!;
        _userHandle = Base64Url.DecodeFromChars(options["user"]!["id"]!.GetValue<string>());
        var clientData = ClientData("webauthn.create", options["challenge"]!.GetValue<string>());
        var idLength = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(idLength, (ushort)CredentialId.Length);
        byte[] authData = [.. AuthenticatorData(options["rp"]!["id"]!.GetValue<string>(), 0x45), .. new byte[16], .. idLength, .. CredentialId, .. CosePublicKey];

        var attestation = new CborWriter(CborConformanceMode.Ctap2Canonical);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt"); attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt"); attestation.WriteStartMap(0); attestation.WriteEndMap();
        attestation.WriteTextString("authData"); attestation.WriteByteString(authData);
        attestation.WriteEndMap();

        return Response(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["attestationObject"] = Base64Url.EncodeToString(attestation.Encode()),
            ["transports"] = new JsonArray("internal"),
        });
    }

    /// <summary>Answers PublicKeyCredentialRequestOptionsJSON with an AuthenticationResponseJSON.</summary>
    public string SignIn(string optionsJson)
    {
        var options = JsonNode.Parse(optionsJson)!;
        var clientData = ClientData("webauthn.get", options["challenge"]!.GetValue<string>());
        var authData = AuthenticatorData(options["rpId"]!.GetValue<string>(), VerifiesUser ? (byte)0x05 : (byte)0x01);
        var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Response(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["authenticatorData"] = Base64Url.EncodeToString(authData),
            ["signature"] = Base64Url.EncodeToString(signature),
            ["userHandle"] = Base64Url.EncodeToString(_userHandle),
        });
    }

    public void Dispose() => _key.Dispose();

    private byte[] ClientData(string type, string challenge) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = Origin, ["crossOrigin"] = false });

    /// <summary>rpIdHash, flags (UP 0x01, UV 0x04, AT 0x40) and an increasing signature counter.</summary>
    private byte[] AuthenticatorData(string rpId, byte flags)
    {
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, ++_counter);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. counter];
    }

    private string Response(JsonObject response) => new JsonObject
    {
        ["id"] = Base64Url.EncodeToString(CredentialId),
        ["rawId"] = Base64Url.EncodeToString(CredentialId),
        ["type"] = "public-key",
        ["response"] = response,
        ["clientExtensionResults"] = new JsonObject(),
    }.ToJsonString();
}
