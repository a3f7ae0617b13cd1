using SealCabinet.Cloud.Service.Common;

namespace SealCabinet.Cloud.Service.Rosters;

/// <summary>An NFC card UID as typed by an administrator or read by a desk reader: ISO/IEC 14443 UIDs are 4, 7 or 10 bytes.</summary>
internal static class AccessCard
{
    /// <summary>The UID bytes, or null for an empty value (no card).</summary>
    public static byte[]? ParseUid(string? text, string field)
    {
        var hex = new string((text ?? "").Where(c => c is not (' ' or ':' or '-')).ToArray());
        if (hex.Length == 0)
        {
            return null;
        }

        if (!hex.All(char.IsAsciiHexDigit))
        {
            throw CloudException.Invalid(field, "must be hexadecimal digits (spaces and ':' allowed between bytes)");
        }

        if (hex.Length is not (8 or 14 or 20))
        {
            throw CloudException.Invalid(field, $"must be a 4, 7 or 10 byte UID (8, 14 or 20 hex digits), was {hex.Length} digits");
        }

        return Convert.FromHexString(hex);
    }
}
