using System.Globalization;
using System.Text;

namespace SealCabinet.Cloud.Service.Common;

/// <summary>Offset paging behind an opaque token, validated like any other input.</summary>
internal readonly record struct Paging(int Offset, int Size)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;
    private const string TokenPrefix = "o1:";

    public static Paging Parse(int pageSize, string? pageToken)
    {
        if (pageSize < 0 || pageSize > MaxSize)
        {
            throw CloudException.Invalid("page.page_size", $"must be between 0 and {MaxSize}, was {pageSize}");
        }

        var offset = 0;
        if (!string.IsNullOrEmpty(pageToken))
        {
            string decoded;
            try
            {
                decoded = Encoding.ASCII.GetString(Convert.FromBase64String(pageToken));
            }
            catch (FormatException)
            {
                throw CloudException.Invalid("page.page_token", "is not a token this service issued");
            }

            if (!decoded.StartsWith(TokenPrefix, StringComparison.Ordinal)
                || !int.TryParse(decoded.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                throw CloudException.Invalid("page.page_token", "is not a token this service issued");
            }
        }

        return new Paging(offset, pageSize == 0 ? DefaultSize : pageSize);
    }

    /// <summary>The token for the page after this one, or empty when <paramref name="total"/> is exhausted.</summary>
    public string NextToken(long total) =>
        Offset + Size >= total
            ? ""
            : Convert.ToBase64String(Encoding.ASCII.GetBytes(TokenPrefix + (Offset + Size).ToString(CultureInfo.InvariantCulture)));
}
