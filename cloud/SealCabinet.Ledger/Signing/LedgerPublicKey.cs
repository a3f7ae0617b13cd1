using System.Security.Cryptography;
using SealCabinet.Ledger.Verification;

namespace SealCabinet.Ledger.Signing;

/// <summary>The ledger's public key: what a supervisor keeps to check tree heads offline.</summary>
public sealed class LedgerPublicKey
{
    private LedgerPublicKey(byte[] subjectPublicKeyInfo)
    {
        SubjectPublicKeyInfo = subjectPublicKeyInfo;
        KeyId = TreeHeadSignature.KeyId(subjectPublicKeyInfo);
    }

    /// <summary>SubjectPublicKeyInfo, DER.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>SHA-256 of <see cref="SubjectPublicKeyInfo"/>.</summary>
    public byte[] KeyId { get; }

    /// <summary>Reads a P-256 SubjectPublicKeyInfo (DER); throws <see cref="ArgumentException"/> for anything else.</summary>
    public static LedgerPublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(der, out var read);
            if (read != der.Length)
            {
                throw new ArgumentException($"public key has {der.Length - read} trailing bytes after the SubjectPublicKeyInfo", nameof(der));
            }
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("public key is not an EC SubjectPublicKeyInfo: " + ex.Message, nameof(der), ex);
        }

        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != "1.2.840.10045.3.1.7")
        {
            throw new ArgumentException("public key is not on curve P-256", nameof(der));
        }

        return new LedgerPublicKey(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Reads a "-----BEGIN PUBLIC KEY-----" PEM block.</summary>
    public static LedgerPublicKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException("public key PEM is not an EC public key: " + ex.Message, nameof(pem), ex);
        }

        return FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The key as a "-----BEGIN PUBLIC KEY-----" PEM block.</summary>
    public string ExportPem() => PemEncoding.WriteString("PUBLIC KEY", SubjectPublicKeyInfo);

    /// <summary>True when the head's key id is this key's and its signature verifies.</summary>
    public bool Verify(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return CryptographicOperations.FixedTimeEquals(head.KeyId, KeyId)
            && TreeHeadSignature.Verify(SubjectPublicKeyInfo, head.TreeSize, head.TimestampMs, head.RootHash, head.Signature);
    }
}
