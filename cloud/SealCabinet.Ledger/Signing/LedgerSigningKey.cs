using System.Security.Cryptography;
using SealCabinet.Ledger.Verification;

namespace SealCabinet.Ledger.Signing;

/// <summary>The ledger's ECDSA P-256 private key, which signs tree heads.</summary>
public sealed class LedgerSigningKey : IDisposable
{
    private readonly ECDsa key;

    private LedgerSigningKey(ECDsa key)
    {
        this.key = key;
        PublicKey = LedgerPublicKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The matching public key.</summary>
    public LedgerPublicKey PublicKey { get; }

    /// <summary>Generates a fresh P-256 key (embedded mode).</summary>
    public static LedgerSigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>
    /// Loads a "-----BEGIN PRIVATE KEY-----" (PKCS#8) or "-----BEGIN EC PRIVATE KEY-----" PEM block holding a P-256 key.
    /// Throws <see cref="ArgumentException"/> naming the problem otherwise.
    /// </summary>
    public static LedgerSigningKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            var parameters = key.ExportParameters(false);
            if (parameters.Curve.Oid.Value != "1.2.840.10045.3.1.7")
            {
                throw new ArgumentException($"ledger key must be on curve P-256, got {parameters.Curve.Oid.FriendlyName ?? parameters.Curve.Oid.Value}", nameof(pem));
            }

            return new LedgerSigningKey(key);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            if (ex is ArgumentException { ParamName: nameof(pem) })
            {
                throw;
            }

            throw new ArgumentException("ledger key PEM is not a PKCS#8 EC private key: " + ex.Message, nameof(pem), ex);
        }
    }

    /// <summary>The private key as a PKCS#8 "-----BEGIN PRIVATE KEY-----" PEM block.</summary>
    public string ExportPkcs8Pem() => key.ExportPkcs8PrivateKeyPem();

    /// <summary>Signs a tree head over (<paramref name="treeSize"/>, <paramref name="rootHash"/>, <paramref name="timestampMs"/>).</summary>
    public SignedTreeHead Sign(ulong treeSize, byte[] rootHash, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(rootHash);
        var input = TreeHeadSignature.SigningInput(treeSize, timestampMs, rootHash);
        var signature = key.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new SignedTreeHead(treeSize, (byte[])rootHash.Clone(), timestampMs, signature, PublicKey.KeyId);
    }

    /// <inheritdoc />
    public void Dispose() => key.Dispose();
}
