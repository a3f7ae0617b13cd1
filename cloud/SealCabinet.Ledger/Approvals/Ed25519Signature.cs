using NSec.Cryptography;

namespace SealCabinet.Ledger.Approvals;

/// <summary>
/// Ed25519 verification through NSec (libsodium). Kept apart so that the native library is loaded only when an EdDSA
/// key is actually checked, and a machine without it still verifies ES256 and RS256.
/// </summary>
internal static class Ed25519Signature
{
    public static bool Verify(byte[] publicKey, byte[] data, byte[] signature, out string failure)
    {
        failure = "";
        try
        {
            return VerifyWithNSec(publicKey, data, signature, out failure);
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException
            or BadImageFormatException or PlatformNotSupportedException or FileNotFoundException)
        {
            failure = "EdDSA cannot be checked here: the Ed25519 implementation (NSec/libsodium) could not be loaded: " + ex.Message;
            return false;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool VerifyWithNSec(byte[] publicKey, byte[] data, byte[] signature, out string failure)
    {
        var algorithm = SignatureAlgorithm.Ed25519;
        if (!PublicKey.TryImport(algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            failure = "EdDSA key x is not a valid Ed25519 public key";
            return false;
        }

        failure = "";
        return algorithm.Verify(key, data, signature);
    }
}
