using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Imports house-building records (CSV applicant,address,foundation_date) and cross-checks stampings.</summary>
internal sealed class BuildingRecordImport(CloudDbContext db, AnomalyService anomalies, TimeProvider clock)
{
    public const int MaxCsvBytes = 4 * 1024 * 1024;

    public async Task<(int Imported, int Raised)> ImportAsync(string villageId, string csv, CancellationToken ct)
    {
        Identifiers.RequireSlug(villageId, "village_id");
        if (System.Text.Encoding.UTF8.GetByteCount(csv) > MaxCsvBytes)
        {
            throw CloudException.Invalid("csv", $"at most {MaxCsvBytes} bytes");
        }

        var records = Parse(villageId, csv, clock.GetUtcNow());
        if (!await db.Villages.AnyAsync(v => v.Id == villageId, ct))
        {
            throw CloudException.NotFound("village_id", $"village '{villageId}' does not exist");
        }

        var imported = 0;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var r in records)
            {
                imported += await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO building_records (id, village_id, applicant, address, foundation_date, imported_at)
                    VALUES ({r.Id}, {r.VillageId}, {r.Applicant}, {r.Address}, {r.FoundationDate}, {r.ImportedAt})
                    ON CONFLICT DO NOTHING
                    """, ct);
            }

            await tx.CommitAsync(ct);
        }

        var raised = await anomalies.DetectAsync(AnomalyRules.All.Where(r => r.Name == AnomalyRules.BuiltBeforeApproval), ct);
        return (imported, raised);
    }

    private static List<BuildingRecord> Parse(string villageId, string csv, DateTimeOffset now)
    {
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || !string.Equals(lines[0].Trim().TrimStart('\uFEFF'), "applicant,address,foundation_date", StringComparison.OrdinalIgnoreCase))
        {
            throw CloudException.Invalid("csv", "line 1: the header must be applicant,address,foundation_date");
        }

        var records = new List<BuildingRecord>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var at = $"csv line {i + 1}";
            var fields = SplitFields(lines[i], at);
            if (fields.Count != 3)
            {
                throw CloudException.Invalid(at, $"expected 3 fields, found {fields.Count}");
            }

            if (!DateOnly.TryParseExact(fields[2].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw CloudException.Invalid(at + " foundation_date", $"'{Identifiers.Shorten(fields[2])}' is not a YYYY-MM-DD date");
            }

            records.Add(new BuildingRecord
            {
                Id = Guid.NewGuid(),
                VillageId = villageId,
                Applicant = Identifiers.RequireText(fields[0], at + " applicant", 100),
                Address = Identifiers.RequireText(fields[1], at + " address", 200),
                FoundationDate = date,
                ImportedAt = now,
            });
        }

        return records;
    }

    /// <summary>RFC 4180 fields of one line: commas separate, double quotes enclose, "" is a quote.</summary>
    private static List<string> SplitFields(string line, string at)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            throw CloudException.Invalid(at, "unterminated quoted field");
        }

        fields.Add(current.ToString());
        return fields;
    }
}
