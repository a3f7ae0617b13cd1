using System.Formats.Cbor;
using System.Security.Cryptography;

namespace SealCabinet.Ledger.Approvals;

/// <summary>
/// A credential public key in COSE_Key form (RFC 9052 §7, RFC 9053), as an authenticator reports it at registration:
/// ES256 (EC2 over P-256), RS256 (RSA, PKCS#1 v1.5 with SHA-256) or EdDSA (OKP over Ed25519).
/// </summary>
internal sealed class CoseKey : IDisposable
{
    /// <summary>COSE algorithm ES256: ECDSA with SHA-256 on P-256.</summary>
    public const long Es256 = -7;

    /// <summary>COSE algorithm RS256: RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    public const long Rs256 = -257;

    /// <summary>COSE algorithm EdDSA (with Ed25519 the only curve WebAuthn uses for it).</summary>
    public const long EdDsa = -8;

    private const long KtyLabel = 1;
    private const long AlgLabel = 3;
    private const long CrvOrNLabel = -1;
    private const long XOrELabel = -2;
    private const long YLabel = -3;
    private const long KtyOkp = 1;
    private const long KtyEc2 = 2;
    private const long KtyRsa = 3;
    private const long CrvP256 = 1;
    private const long CrvEd25519 = 6;
    private const int CoordinateLength = 32;

    private readonly ECDsa? ecdsa;
    private readonly RSA? rsa;
    private readonly byte[]? ed25519;

    private CoseKey(ECDsa? ecdsa, RSA? rsa, byte[]? ed25519)
    {
        this.ecdsa = ecdsa;
        this.rsa = rsa;
        this.ed25519 = ed25519;
    }

    /// <summary>True for the algorithms this verifier checks: ES256, RS256 and EdDSA.</summary>
    public static bool IsSupported(long algorithm) => algorithm is Es256 or Rs256 or EdDsa;

    /// <summary>
    /// Reads a COSE_Key; returns null with <paramref name="failure"/> saying why when it is not well-formed CBOR, not
    /// a key this verifier supports, or inconsistent. <paramref name="algorithm"/> is the key's algorithm when it could
    /// be read, else 0.
    /// </summary>
    public static CoseKey? TryParse(ReadOnlySpan<byte> cbor, out long algorithm, out string failure)
    {
        algorithm = 0;
        Dictionary<long, object> labels;
        try
        {
            labels = ReadMap(cbor);
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or OverflowException or FormatException)
        {
            failure = "COSE key is not valid CBOR: " + ex.Message;
            return null;
        }

        if (!labels.TryGetValue(AlgLabel, out var alg) || alg is not long algValue)
        {
            failure = "COSE key has no integer algorithm (label 3)";
            return null;
        }

        algorithm = algValue;
        var kty = labels.TryGetValue(KtyLabel, out var k) && k is long ktyValue ? ktyValue : (long?)null;
        var key = algValue switch
        {
            Es256 => ReadEs256(labels, kty, out failure),
            Rs256 => ReadRs256(labels, kty, out failure),
            EdDsa => ReadEdDsa(labels, kty, out failure),
            _ => Unsupported(algValue, out failure),
        };
        return key;
    }

    /// <summary>True when <paramref name="signature"/> is this key's signature over <paramref name="data"/>; false for any malformed signature.</summary>
    public bool Verify(byte[] data, byte[] signature, out string failure)
    {
        failure = "";
        try
        {
            if (ecdsa is not null)
            {
                return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            }

            if (rsa is not null)
            {
                return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }

            return Ed25519Signature.Verify(ed25519!, data, signature, out failure);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ecdsa?.Dispose();
        rsa?.Dispose();
    }

    private static Dictionary<long, object> ReadMap(ReadOnlySpan<byte> cbor)
    {
        // Strict mode refuses duplicate labels, so no label can be read two ways.
        var reader = new CborReader(cbor.ToArray(), CborConformanceMode.Strict);
        var labels = new Dictionary<long, object>();
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            if (reader.PeekState() is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
            {
                // Text labels are private-use extensions that no key parameter used here depends on.
                reader.SkipValue();
                reader.SkipValue();
                continue;
            }

            var label = reader.ReadInt64();
            labels[label] = reader.PeekState() switch
            {
                CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => reader.ReadInt64(),
                CborReaderState.ByteString => reader.ReadByteString(),
                var other => SkipValue(reader, other),
            };
        }

        reader.ReadEndMap();
        if (reader.BytesRemaining != 0)
        {
            throw new FormatException($"{reader.BytesRemaining} bytes follow the key's map");
        }

        return labels;
    }

    /// <summary>Skips a value of a type no key parameter has, keeping its CBOR type so a check can name it.</summary>
    private static object SkipValue(CborReader reader, CborReaderState state)
    {
        reader.SkipValue();
        return state;
    }

    private static CoseKey? ReadEs256(Dictionary<long, object> labels, long? kty, out string failure)
    {
        if (!CheckInteger("ES256", "type (label 1)", kty, KtyEc2, "EC2", out failure)
            || !CheckInteger("ES256", "curve (label -1)", labels.GetValueOrDefault(CrvOrNLabel) as long?, CrvP256, "P-256", out failure))
        {
            return null;
        }

        if (labels.GetValueOrDefault(XOrELabel) is not byte[] { Length: CoordinateLength } x
            || labels.GetValueOrDefault(YLabel) is not byte[] { Length: CoordinateLength } y)
        {
            failure = $"ES256 key coordinates x (label -2) and y (label -3) must be {CoordinateLength}-byte strings";
            return null;
        }

        try
        {
            var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
            return new CoseKey(key, null, null);
        }
        catch (CryptographicException)
        {
            failure = "ES256 key point is not on P-256";
            return null;
        }
    }

    private static CoseKey? ReadRs256(Dictionary<long, object> labels, long? kty, out string failure)
    {
        if (!CheckInteger("RS256", "type (label 1)", kty, KtyRsa, "RSA", out failure))
        {
            return null;
        }

        if (labels.GetValueOrDefault(CrvOrNLabel) is not byte[] { Length: > 0 } n || labels.GetValueOrDefault(XOrELabel) is not byte[] { Length: > 0 } e)
        {
            failure = "RS256 key needs modulus n (label -1) and exponent e (label -2) as non-empty byte strings";
            return null;
        }

        try
        {
            return new CoseKey(null, RSA.Create(new RSAParameters { Modulus = n, Exponent = e }), null);
        }
        catch (CryptographicException ex)
        {
            failure = "RS256 key is not a usable RSA public key: " + ex.Message;
            return null;
        }
    }

    private static CoseKey? ReadEdDsa(Dictionary<long, object> labels, long? kty, out string failure)
    {
        if (!CheckInteger("EdDSA", "type (label 1)", kty, KtyOkp, "OKP", out failure)
            || !CheckInteger("EdDSA", "curve (label -1)", labels.GetValueOrDefault(CrvOrNLabel) as long?, CrvEd25519, "Ed25519", out failure))
        {
            return null;
        }

        if (labels.GetValueOrDefault(XOrELabel) is not byte[] { Length: CoordinateLength } x)
        {
            failure = $"EdDSA key x (label -2) must be a {CoordinateLength}-byte string";
            return null;
        }

        return new CoseKey(null, null, x);
    }

    private static CoseKey? Unsupported(long algorithm, out string failure)
    {
        failure = $"unsupported COSE algorithm {algorithm}";
        return null;
    }

    private static bool CheckInteger(string alg, string what, long? actual, long expected, string expectedName, out string failure)
    {
        failure = actual == expected
            ? ""
            : $"{alg} key {what} is {actual?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}, expected {expected} ({expectedName})";
        return failure.Length == 0;
    }
}
