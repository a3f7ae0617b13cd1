namespace SealCabinet.HardwareSim.Board;

/// <summary>The UID of an NFC card (ISO 14443A: 4, 7 or 10 bytes) written as hex, as in scenario scripts and the live view.</summary>
public static class CardUid
{
    /// <summary>Parses a UID such as <c>04A1B2C3</c> or <c>04:a1:b2:c3</c> (the colon form readers print).</summary>
    /// <param name="text">The hex text.</param>
    /// <param name="uid">The UID bytes.</param>
    /// <returns>True when the text is 4, 7 or 10 bytes of hex.</returns>
    public static bool TryParse(string? text, out byte[] uid)
    {
        uid = [];
        var digits = (text ?? string.Empty).Replace(":", string.Empty, StringComparison.Ordinal);
        if (digits.Length is not (8 or 14 or 20) || !digits.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        uid = Convert.FromHexString(digits);
        return true;
    }

    /// <summary>Writes a UID as upper-case hex without separators.</summary>
    /// <param name="uid">The UID bytes.</param>
    /// <returns>The hex text, e.g. <c>04A1B2C3</c>.</returns>
    public static string Format(byte[] uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        return Convert.ToHexString(uid);
    }
}
