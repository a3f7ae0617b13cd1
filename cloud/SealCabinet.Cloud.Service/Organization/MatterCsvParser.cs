using System.Text;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Organization;

/// <summary>
/// Parses the matter catalogue CSV: header <c>code,name,seal_kinds,approvals_required[,house_building]</c>,
/// seal kinds separated by '|', RFC 4180 quoting. Every problem names the line and the column.
/// </summary>
internal static class MatterCsvParser
{
    public const int MaxBytes = 1024 * 1024;

    public static IReadOnlyList<Matter> Parse(string csv, IReadOnlySet<string> knownSealKinds)
    {
        if (string.IsNullOrWhiteSpace(csv))
        {
            throw CloudException.Invalid("csv", "is required");
        }

        if (Encoding.UTF8.GetByteCount(csv) > MaxBytes)
        {
            throw CloudException.Invalid("csv", $"must be at most {MaxBytes} bytes");
        }

        var rows = ReadRows(csv.TrimStart('\uFEFF'));
        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var hasHouseBuilding = header.Length == 5 && header[4] == "house_building";
        if (header.Length < 4 || header[0] != "code" || header[1] != "name" || header[2] != "seal_kinds"
            || header[3] != "approvals_required" || (header.Length == 5 && !hasHouseBuilding) || header.Length > 5)
        {
            throw CloudException.Invalid("csv", "line 1: the header must be code,name,seal_kinds,approvals_required[,house_building]");
        }

        var matters = new List<Matter>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            var line = i + 1;
            if (row.Count == 1 && row[0].Length == 0)
            {
                continue;
            }

            if (row.Count != header.Length)
            {
                throw CloudException.Invalid("csv", $"line {line}: expected {header.Length} columns, found {row.Count}");
            }

            var code = row[0].Trim();
            try
            {
                Identifiers.RequireMatterCode(code, "code");
            }
            catch (CloudException e)
            {
                throw CloudException.Invalid("csv", $"line {line}: {e.Message}");
            }

            if (!codes.Add(code))
            {
                throw CloudException.Invalid("csv", $"line {line}: code: '{code}' appears twice");
            }

            var name = row[1].Trim();
            if (name.Length == 0 || name.Length > 100)
            {
                throw CloudException.Invalid("csv", $"line {line}: name: must be 1-100 characters");
            }

            var kinds = row[2].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(k => k.ToUpperInvariant()).Distinct().ToList();
            if (kinds.Count == 0)
            {
                throw CloudException.Invalid("csv", $"line {line}: seal_kinds: at least one seal kind is required");
            }

            var unknown = kinds.FirstOrDefault(k => !knownSealKinds.Contains(k));
            if (unknown is not null)
            {
                throw CloudException.Invalid("csv", $"line {line}: seal_kinds: '{Identifiers.Shorten(unknown)}' is not a seal kind");
            }

            if (!int.TryParse(row[3].Trim(), out var approvals) || approvals is < 1 or > 2)
            {
                throw CloudException.Invalid("csv", $"line {line}: approvals_required: must be 1 or 2");
            }

            var houseBuilding = false;
            if (hasHouseBuilding)
            {
                var value = row[4].Trim().ToLowerInvariant();
                houseBuilding = value switch
                {
                    "" or "false" or "0" or "no" => false,
                    "true" or "1" or "yes" => true,
                    _ => throw CloudException.Invalid("csv", $"line {line}: house_building: must be true or false"),
                };
            }

            matters.Add(new Matter
            {
                Code = code,
                Name = name,
                AllowedSealKinds = kinds,
                ApprovalsRequired = approvals,
                HouseBuilding = houseBuilding,
            });
        }

        return matters;
    }

    private static List<List<string>> ReadRows(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            throw CloudException.Invalid("csv", $"line {rows.Count + 1}: a quoted field is not closed");
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
