using System.Buffers.Binary;
using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using SealCabinet.Ledger.Approvals;

namespace SealCabinet.Ledger.Tests;

/// <summary>
/// A passkey in software that makes real WebAuthn assertions: authenticatorData = SHA-256(rpId) || flags || counter,
/// clientDataJSON as a browser writes it, and a signature over authenticatorData || SHA-256(clientDataJSON).
/// </summary>
/// <remarks>
/// Not the shared SealCabinet.Passkeys.Software passkey (a phone answering a relying party's options JSON, ES256
/// only): the verifier's tests need RS256 and EdDSA keys, a fixed key and credential id for the worked example's
/// pinned bytes, and assertions wrong in exactly one respect (rp id, flags, type, challenge, cross-origin), made
/// straight into a <see cref="SignedStatement"/> with no relying party in between.
/// </remarks>
internal sealed class SoftwareAuthenticator : IDisposable
{
    public const string RpId = "seal.example";
    public const string Origin = "https://seal.example";
    public const byte UserPresentAndVerified = WebAuthnVerifier.UserPresent | WebAuthnVerifier.UserVerified;

    private readonly Func<byte[], byte[]> sign;
    private readonly IDisposable key;

    private SoftwareAuthenticator(long algorithm, byte[] cosePublicKey, Func<byte[], byte[]> sign, IDisposable key, byte[]? credentialId)
    {
        Algorithm = algorithm;
        CosePublicKey = cosePublicKey;
        this.sign = sign;
        this.key = key;
        CredentialId = credentialId ?? RandomNumberGenerator.GetBytes(16);
    }

    public long Algorithm { get; }

    public byte[] CosePublicKey { get; }

    public byte[] CredentialId { get; }

    /// <summary>The counter of the last assertion; each assertion increments it first.</summary>
    public uint Counter { get; set; }

    /// <summary>When true, assertions carry sign count 0, as synced passkeys without a counter send.</summary>
    public bool KeepsNoCounter { get; set; }

    public static SoftwareAuthenticator Es256(ECDsa? key = null, byte[]? credentialId = null)
    {
        key ??= ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        var cose = Cose(writer =>
        {
            writer.WriteInt32(1);
            writer.WriteInt32(2);
            writer.WriteInt32(3);
            writer.WriteInt32(-7);
            writer.WriteInt32(-1);
            writer.WriteInt32(1);
            writer.WriteInt32(-2);
            writer.WriteByteString(q.X!);
            writer.WriteInt32(-3);
            writer.WriteByteString(q.Y!);
        });
        return new SoftwareAuthenticator(-7, cose, data => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), key, credentialId);
    }

    public static SoftwareAuthenticator Rs256()
    {
        var key = RSA.Create(2048);
        var parameters = key.ExportParameters(false);
        var cose = Cose(writer =>
        {
            writer.WriteInt32(1);
            writer.WriteInt32(3);
            writer.WriteInt32(3);
            writer.WriteInt32(-257);
            writer.WriteInt32(-1);
            writer.WriteByteString(parameters.Modulus!);
            writer.WriteInt32(-2);
            writer.WriteByteString(parameters.Exponent!);
        });
        return new SoftwareAuthenticator(-257, cose, data => key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), key, null);
    }

    public static SoftwareAuthenticator EdDsa()
    {
        var algorithm = SignatureAlgorithm.Ed25519;
        var key = Key.Create(algorithm);
        var cose = Cose(writer =>
        {
            writer.WriteInt32(1);
            writer.WriteInt32(1);
            writer.WriteInt32(3);
            writer.WriteInt32(-8);
            writer.WriteInt32(-1);
            writer.WriteInt32(6);
            writer.WriteInt32(-2);
            writer.WriteByteString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        });
        return new SoftwareAuthenticator(-8, cose, data => algorithm.Sign(key, data), key, null);
    }

    /// <summary>
    /// A COSE_Key map written by <paramref name="write"/> as label, value, label, value…, encoded as CTAP2 canonical
    /// CBOR (definite lengths, sorted labels) like an authenticator's.
    /// </summary>
    public static byte[] Cose(Action<CborWriter> write)
    {
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical, convertIndefiniteLengthEncodings: true);
        writer.WriteStartMap(null);
        write(writer);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>The clientDataJSON a browser writes for an assertion.</summary>
    public static byte[] ClientData(string type, byte[] challengeStatement, string origin, bool crossOrigin) =>
        Encoding.UTF8.GetBytes(
            $"{{\"type\":\"{type}\",\"challenge\":\"{Base64Url.EncodeToString(SHA256.HashData(challengeStatement))}\",\"origin\":\"{origin}\",\"crossOrigin\":{(crossOrigin ? "true" : "false")}}}");

    /// <summary>authenticatorData for an assertion: SHA-256(rpId) || flags || counter (big-endian).</summary>
    public static byte[] AuthenticatorData(string rpId, byte flags, uint counter)
    {
        var counterBytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counterBytes, counter);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. counterBytes];
    }

    /// <summary>
    /// Signs <paramref name="statement"/> as a browser and authenticator would; the optional arguments make the
    /// assertion differ in one respect (another origin, rp id, flags, type, or the challenge of another statement).
    /// </summary>
    public SignedStatement Sign(
        byte[] statement,
        string origin = Origin,
        string rpId = RpId,
        byte flags = UserPresentAndVerified,
        string type = WebAuthnVerifier.AssertionType,
        byte[]? challengeOf = null,
        bool crossOrigin = false)
    {
        var clientData = ClientData(type, challengeOf ?? statement, origin, crossOrigin);
        var authenticatorData = AuthenticatorData(rpId, flags, KeepsNoCounter ? 0 : ++Counter);
        return new SignedStatement(statement, CredentialId, authenticatorData, clientData, sign([.. authenticatorData, .. SHA256.HashData(clientData)]));
    }

    public void Dispose() => key.Dispose();
}
