using System.Text.RegularExpressions;

namespace SealCabinet.Cloud.Service.Common;

/// <summary>Validation of the identifier and text formats the protos document.</summary>
internal static partial class Identifiers
{
    /// <summary>Town and village ids: lower-case letters, digits, '-'; at most 64.</summary>
    public static string RequireSlug(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw CloudException.Invalid(field, "is required");
        }

        if (!SlugPattern().IsMatch(value))
        {
            throw CloudException.Invalid(field, $"'{Shorten(value)}' must be 1-64 lower-case letters, digits or '-'");
        }

        return value;
    }

    /// <summary>Matter codes: upper-case letters, digits, '-'; at most 32.</summary>
    public static string RequireMatterCode(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw CloudException.Invalid(field, "is required");
        }

        if (!MatterCodePattern().IsMatch(value))
        {
            throw CloudException.Invalid(field, $"'{Shorten(value)}' must be 1-32 upper-case letters, digits or '-'");
        }

        return value;
    }

    /// <summary>Person ids are token subjects: any printable text without spaces, at most 128.</summary>
    public static string RequirePersonId(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw CloudException.Invalid(field, "is required");
        }

        if (value.Length > 128 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw CloudException.Invalid(field, "must be at most 128 characters without spaces or control characters");
        }

        return value;
    }

    public static Guid RequireUuid(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw CloudException.Invalid(field, "is required");
        }

        if (!Guid.TryParseExact(value, "D", out var id))
        {
            throw CloudException.Invalid(field, $"'{Shorten(value)}' is not a UUID");
        }

        return id;
    }

    public static string RequireText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw CloudException.Invalid(field, "is required");
        }

        return OptionalText(trimmed, field, maxLength);
    }

    public static string OptionalText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length > maxLength)
        {
            throw CloudException.Invalid(field, $"must be at most {maxLength} characters, was {trimmed.Length}");
        }

        if (trimmed.Any(c => char.IsControl(c) && c != '\n'))
        {
            throw CloudException.Invalid(field, "must not contain control characters");
        }

        return trimmed;
    }

    /// <summary>Keeps echoed input short so an error message never carries a whole payload.</summary>
    public static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z0-9-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex MatterCodePattern();
}
