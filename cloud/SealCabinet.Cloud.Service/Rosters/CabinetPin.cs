using System.Security.Cryptography;
using System.Text;
using SealCabinet.Cloud.Service.Common;

namespace SealCabinet.Cloud.Service.Rosters;

/// <summary>
/// The rules of a cabinet PIN and its verifier. The cloud keeps only a random salt and
/// PBKDF2-HMAC-SHA256(PIN, salt, iterations), exactly what the cabinet checks (docs/device-protocol.md); error messages
/// never repeat the PIN.
/// </summary>
internal static class CabinetPin
{
    public const int MinLength = 4;
    public const int MaxLength = 8;
    public const int SaltLength = 16;
    public const int VerifierLength = 32;

    public static void Validate(string? pin, string field)
    {
        if (string.IsNullOrEmpty(pin))
        {
            throw CloudException.Invalid(field, "is required");
        }

        if (pin.Length is < MinLength or > MaxLength || !pin.All(char.IsAsciiDigit))
        {
            throw CloudException.Invalid(field, $"must be {MinLength} to {MaxLength} digits");
        }

        if (pin.All(c => c == pin[0]))
        {
            throw CloudException.Invalid(field, "is one digit repeated; choose digits a bystander cannot guess");
        }

        if (IsRun(pin, 1) || IsRun(pin, -1))
        {
            throw CloudException.Invalid(field, "is a run of consecutive digits; choose digits a bystander cannot guess");
        }
    }

    public static (byte[] Salt, byte[] Verifier) Derive(string pin, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        return (salt, Verifier(pin, salt, iterations));
    }

    public static byte[] Verifier(string pin, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, VerifierLength);

    private static bool IsRun(string pin, int step)
    {
        for (var i = 1; i < pin.Length; i++)
        {
            if (pin[i] - pin[i - 1] != step)
            {
                return false;
            }
        }

        return true;
    }
}
