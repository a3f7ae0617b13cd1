using System.Globalization;
using System.Text.RegularExpressions;

namespace SealCabinet.Firmware.MessageGen;

/// <summary>
/// Reads the subset of proto3 the contract is written in: one declaration per line, <c>//</c> comments directly
/// above a declaration as its documentation (a blank line ends a comment block), top-level messages and enums.
/// Services are skipped. Anything else inside a message (nested types, oneof, map, options) marks that message
/// unsupported, which is an error only if the firmware asks for it.
/// </summary>
internal static partial class ProtoParser
{
    public static void Parse(string path, ProtoSchema schema)
    {
        string[] lines = File.ReadAllLines(path);
        ReadBody(path, lines, -1, null, (i, line, doc) =>
        {
            Match m;
            if ((m = PackageLine().Match(line)).Success)
            {
                if (schema.Package.Length > 0 && schema.Package != m.Groups[1].Value)
                {
                    throw new ProtoParseException(path, i + 1, "package " + m.Groups[1].Value + " differs from " + schema.Package);
                }

                schema.Package = m.Groups[1].Value;
                return i;
            }

            if ((m = BlockStart().Match(line)).Success)
            {
                string name = m.Groups[2].Value;
                switch (m.Groups[1].Value)
                {
                    case "message":
                        return ParseMessage(path, lines, i, name, doc, schema);
                    case "enum":
                        return ParseEnum(path, lines, i, name, doc, schema);
                    default:
                        return SkipBlock(lines, i);
                }
            }

            return HeaderLine().IsMatch(line) ? i : throw new ProtoParseException(path, i + 1, "unexpected top-level line: " + line);
        });
    }

    private static int ParseMessage(string path, string[] lines, int start, string name, string doc, ProtoSchema schema)
    {
        List<ProtoField> fields = [];
        string unsupported = string.Empty;
        int end = ReadBody(path, lines, start, "message " + name, (i, line, comment) =>
        {
            Match m = FieldLine().Match(line);
            if (line.StartsWith("reserved ", StringComparison.Ordinal))
            {
                // Reserved numbers and names change nothing in the generated code.
                return i;
            }

            if (m.Success)
            {
                fields.Add(new ProtoField(m.Groups[3].Value, m.Groups[2].Value, int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture), m.Groups[1].Success, comment));
                return i;
            }

            if (unsupported.Length == 0)
            {
                unsupported = "line " + (i + 1).ToString(CultureInfo.InvariantCulture) + ": " + line;
            }

            return line.EndsWith('{') ? SkipBlock(lines, i) : i;
        });
        schema.Messages.Add(name, new ProtoMessage(name, doc, fields, unsupported));
        return end;
    }

    private static int ParseEnum(string path, string[] lines, int start, string name, string doc, ProtoSchema schema)
    {
        List<ProtoEnumValue> values = [];
        int end = ReadBody(path, lines, start, "enum " + name, (i, line, comment) =>
        {
            Match m = EnumValueLine().Match(line);
            if (!m.Success)
            {
                throw new ProtoParseException(path, i + 1, "unsupported line in enum " + name + ": " + line);
            }

            values.Add(new ProtoEnumValue(m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), comment));
            return i;
        });
        schema.Enums.Add(name, new ProtoEnum(name, doc, values));
        return end;
    }

    /// <summary>
    /// Walks the body of the block opened on line <paramref name="start"/> (the whole file when <paramref name="block"/>
    /// is null), handing each declaration with the comment above it to <paramref name="declaration"/>, which returns the
    /// last line it consumed; returns the closing line.
    /// </summary>
    private static int ReadBody(string path, string[] lines, int start, string? block, Func<int, string, string, int> declaration)
    {
        List<string> comment = [];
        for (int i = start + 1; i < lines.Length; i++)
        {
            string raw = lines[i].Trim();
            string line = StripTrailingComment(lines[i]).Trim();
            if (raw.StartsWith("//", StringComparison.Ordinal))
            {
                comment.Add(raw[2..].Trim());
                continue;
            }

            if (block != null && line == "}")
            {
                return i;
            }

            if (line.Length > 0)
            {
                i = declaration(i, line, string.Join(" ", comment));
            }

            comment.Clear();
        }

        return block == null ? lines.Length : throw new ProtoParseException(path, start + 1, block + " is not closed");
    }

    /// <summary>Returns the index of the line that closes the block opened on line <paramref name="start"/>.</summary>
    private static int SkipBlock(string[] lines, int start)
    {
        int depth = 0;
        for (int i = start; i < lines.Length; i++)
        {
            string line = StripTrailingComment(lines[i]);
            depth += line.Count(c => c == '{') - line.Count(c => c == '}');
            if (depth <= 0)
            {
                return i;
            }
        }

        return lines.Length - 1;
    }

    private static string StripTrailingComment(string line)
    {
        int at = line.IndexOf("//", StringComparison.Ordinal);
        return at < 0 ? line : line[..at];
    }

    [GeneratedRegex(@"^package\s+([\w.]+)\s*;$")]
    private static partial Regex PackageLine();

    [GeneratedRegex(@"^(message|enum|service)\s+(\w+)\s*\{$")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"^(syntax\s*=\s*""proto3""|option\s+[\w.]+\s*=\s*[^;]+|import\s+""[^""]+"")\s*;$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^(repeated\s+)?([\w.]+)\s+(\w+)\s*=\s*(\d+)\s*;$")]
    private static partial Regex FieldLine();

    [GeneratedRegex(@"^(\w+)\s*=\s*(-?\d+)\s*;$")]
    private static partial Regex EnumValueLine();
}
