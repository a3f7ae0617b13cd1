using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SealCabinet.Ledger.Records;

/// <summary>
/// The canonical JSON used for ledger records: a subset of RFC 8785 (JCS). One flat object; keys match
/// <c>[a-z][a-z0-9_]*</c> and are sorted by ordinal; values are strings, integers in ±(2^53−1), booleans, or arrays
/// of strings or integers; no whitespace; strings escape only <c>"</c>, <c>\</c> and U+0000–U+001F (with the short
/// forms \b \t \n \f \r, otherwise \u00xx in lowercase hex); everything else is literal UTF-8.
/// </summary>
internal static class CanonicalJson
{
    /// <summary>Largest integer magnitude allowed (2^53 − 1), so that every JSON parser reads it exactly.</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    public static byte[] Encode(IReadOnlyDictionary<string, object> fields)
    {
        var builder = new StringBuilder();
        builder.Append('{');
        var first = true;
        foreach (var key in fields.Keys.Order(StringComparer.Ordinal))
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            AppendString(builder, key);
            builder.Append(':');
            AppendValue(builder, key, fields[key]);
        }

        builder.Append('}');
        return new UTF8Encoding(false, true).GetBytes(builder.ToString());
    }

    /// <summary>Parses canonical bytes; throws <see cref="FormatException"/> naming the problem when they are not canonical.</summary>
    public static Dictionary<string, object> Decode(ReadOnlySpan<byte> utf8)
    {
        Dictionary<string, object> fields = new(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray());
        }
        catch (JsonException ex)
        {
            throw new FormatException("record is not valid JSON: " + ex.Message, ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("record must be a JSON object");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!fields.TryAdd(property.Name, ReadValue(property.Name, property.Value)))
                {
                    throw new FormatException($"record field '{property.Name}' appears twice");
                }
            }
        }

        var reencoded = Encode(fields);
        if (!utf8.SequenceEqual(reencoded))
        {
            throw new FormatException("record is not in canonical form (key order, whitespace, escaping or number format)");
        }

        return fields;
    }

    public static void CheckKey(string key)
    {
        if (key.Length is 0 or > 64 || key[0] is < 'a' or > 'z' || key.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')))
        {
            throw new ArgumentException($"field name '{key}' must match [a-z][a-z0-9_]* and be at most 64 characters", nameof(key));
        }
    }

    public static void CheckValue(string key, object value)
    {
        switch (value)
        {
            case string s:
                CheckText(key, s);
                break;
            case long n:
                CheckInteger(key, n);
                break;
            case bool:
                break;
            case IReadOnlyList<string> strings:
                foreach (var s in strings)
                {
                    CheckText(key, s);
                }

                break;
            case IReadOnlyList<long> numbers:
                foreach (var n in numbers)
                {
                    CheckInteger(key, n);
                }

                break;
            default:
                throw new ArgumentException(
                    $"field '{key}' has type {value?.GetType().Name ?? "null"}; allowed: string, long, bool, string list, long list", nameof(value));
        }
    }

    private static void CheckText(string key, string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                throw new ArgumentException($"field '{key}' contains an unpaired UTF-16 surrogate at position {i}", nameof(s));
            }
        }
    }

    private static void CheckInteger(string key, long n)
    {
        if (n is > MaxSafeInteger or < -MaxSafeInteger)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"field '{key}' must be within ±{MaxSafeInteger}");
        }
    }

    private static object ReadValue(string key, JsonElement element)
    {
        try
        {
            CheckKey(key);
            object value = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString()!,
                JsonValueKind.Number => ReadInteger(key, element),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Array => ReadArray(key, element),
                _ => throw new FormatException($"record field '{key}' has JSON type {element.ValueKind}, which records do not allow"),
            };
            CheckValue(key, value);
            return value;
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private static long ReadInteger(string key, JsonElement element) =>
        element.TryGetInt64(out var n) ? n : throw new FormatException($"record field '{key}' is not an integer");

    private static object ReadArray(string key, JsonElement element)
    {
        var items = element.EnumerateArray().ToList();
        if (items.Count == 0 || items[0].ValueKind == JsonValueKind.Number)
        {
            return items.Select(item => item.ValueKind == JsonValueKind.Number
                ? ReadInteger(key, item)
                : throw new FormatException($"record field '{key}' mixes integers with other values")).ToList();
        }

        return items.Select(item => item.ValueKind == JsonValueKind.String
            ? item.GetString()!
            : throw new FormatException($"record field '{key}' must hold only strings or only integers")).ToList();
    }

    private static void AppendValue(StringBuilder builder, string key, object value)
    {
        switch (value)
        {
            case string s:
                AppendString(builder, s);
                break;
            case long n:
                builder.Append(n.ToString(CultureInfo.InvariantCulture));
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case IReadOnlyList<string> strings:
                builder.Append('[');
                for (var i = 0; i < strings.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ",");
                    AppendString(builder, strings[i]);
                }

                builder.Append(']');
                break;
            case IReadOnlyList<long> numbers:
                builder.Append('[').AppendJoin(',', numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))).Append(']');
                break;
            default:
                throw new ArgumentException($"field '{key}' has an unsupported type", nameof(value));
        }
    }

    private static void AppendString(StringBuilder builder, string s)
    {
        builder.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        builder.Append('"');
    }
}
