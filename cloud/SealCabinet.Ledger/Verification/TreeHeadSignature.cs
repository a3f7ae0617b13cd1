using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SealCabinet.Ledger.Verification;

/// <summary>
/// The signed-tree-head signing input and its ECDSA P-256 / SHA-256 check.
/// Signing input (67 bytes): ASCII "sealcabinet-sth-v1\n" (19 bytes) || tree size (uint64, big-endian)
/// || timestamp in Unix epoch milliseconds (uint64, big-endian) || root hash (32 bytes).
/// The signature is the DER encoding of ECDSA-Sig-Value (RFC 3279 §2.2.3).
/// </summary>
public static class TreeHeadSignature
{
    /// <summary>The domain-separation prefix of the signing input.</summary>
    public static ReadOnlySpan<byte> Prefix => "sealcabinet-sth-v1\n"u8;

    /// <summary>Length in bytes of the signing input.</summary>
    public const int SigningInputLength = 19 + 8 + 8 + Rfc6962Hash.Size;

    /// <summary>Builds the exact bytes that are signed for a tree head.</summary>
    public static byte[] SigningInput(ulong treeSize, long timestampMs, ReadOnlySpan<byte> rootHash)
    {
        if (rootHash.Length != Rfc6962Hash.Size)
        {
            throw new ArgumentException($"root hash must be {Rfc6962Hash.Size} bytes, got {rootHash.Length}", nameof(rootHash));
        }

        if (timestampMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampMs), timestampMs, "timestamp must not be negative");
        }

        var input = new byte[SigningInputLength];
        Prefix.CopyTo(input);
        BinaryPrimitives.WriteUInt64BigEndian(input.AsSpan(19), treeSize);
        BinaryPrimitives.WriteUInt64BigEndian(input.AsSpan(27), (ulong)timestampMs);
        rootHash.CopyTo(input.AsSpan(35));
        return input;
    }

    /// <summary>Key id: SHA-256 of the SubjectPublicKeyInfo DER.</summary>
    public static byte[] KeyId(ReadOnlySpan<byte> subjectPublicKeyInfo) => SHA256.HashData(subjectPublicKeyInfo);

    /// <summary>
    /// True when <paramref name="signature"/> is a valid DER ECDSA P-256 / SHA-256 signature over the signing input
    /// by the key in <paramref name="subjectPublicKeyInfo"/>. A key that is not a P-256 key never verifies.
    /// </summary>
    public static bool Verify(
        ReadOnlySpan<byte> subjectPublicKeyInfo, ulong treeSize, long timestampMs, ReadOnlySpan<byte> rootHash, ReadOnlySpan<byte> signature)
    {
        if (rootHash.Length != Rfc6962Hash.Size || timestampMs < 0)
        {
            return false;
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            if (read != subjectPublicKeyInfo.Length || key.ExportParameters(false).Curve.Oid.Value != NistP256Oid)
            {
                return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }

        return key.VerifyData(
            SigningInput(treeSize, timestampMs, rootHash), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    private const string NistP256Oid = "1.2.840.10045.3.1.7";
}
