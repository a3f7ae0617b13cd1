using System.Security.Cryptography;
using System.Text;

namespace SealCabinet.Cloud.Service.Crypto;

/// <summary>
/// Seals device secrets under the master key with AES-256-GCM. Layout: version (1 byte) | nonce (12) |
/// ciphertext | tag (16). The device id is the associated data, so a sealed secret copied onto another
/// cabinet's row does not open.
/// </summary>
internal sealed class MasterKeyProtector
{
    private const byte FormatVersion = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private readonly byte[] _masterKey;

    public MasterKeyProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32)
        {
            throw new ArgumentException("The master key must be 32 bytes (AES-256).", nameof(masterKey));
        }

        _masterKey = masterKey;
    }

    public byte[] Seal(string deviceId, ReadOnlySpan<byte> secret)
    {
        var sealedBytes = new byte[1 + NonceLength + secret.Length + TagLength];
        sealedBytes[0] = FormatVersion;
        var nonce = sealedBytes.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_masterKey, TagLength);
        aes.Encrypt(
            nonce,
            secret,
            sealedBytes.AsSpan(1 + NonceLength, secret.Length),
            sealedBytes.AsSpan(1 + NonceLength + secret.Length, TagLength),
            Encoding.UTF8.GetBytes(deviceId));
        return sealedBytes;
    }

    /// <summary>One purpose key of the device (docs/device-protocol.md); the opened secret is wiped before returning.</summary>
    public byte[] OpenPurposeKey(string deviceId, ReadOnlySpan<byte> sealedBytes, string purpose)
    {
        var secret = Open(deviceId, sealedBytes);
        try
        {
            return DeviceKeys.Derive(secret, purpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    public byte[] Open(string deviceId, ReadOnlySpan<byte> sealedBytes)
    {
        if (sealedBytes.Length < 1 + NonceLength + TagLength || sealedBytes[0] != FormatVersion)
        {
            throw new CryptographicException("The sealed device secret has an unknown format.");
        }

        var length = sealedBytes.Length - 1 - NonceLength - TagLength;
        var secret = new byte[length];
        using var aes = new AesGcm(_masterKey, TagLength);
        aes.Decrypt(
            sealedBytes.Slice(1, NonceLength),
            sealedBytes.Slice(1 + NonceLength, length),
            sealedBytes.Slice(1 + NonceLength + length, TagLength),
            secret,
            Encoding.UTF8.GetBytes(deviceId));
        return secret;
    }
}
