using System.CommandLine;
using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using SealCabinet.Cloud.Tool.Infrastructure;
using SealCabinet.Contracts.V1;
using Spectre.Console;

namespace SealCabinet.Cloud.Tool.Commands;

/// <summary>'sealctl report': usage statistics of a village or town over a period, as tables or CSV.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var village = new Option<string?>("--village") { Description = "The village (or --town)" };
        var town = new Option<string?>("--town") { Description = "The town (or --village)" };
        var from = new Option<string>("--from") { Description = "Period start, YYYY-MM-DD (inclusive, Asia/Shanghai)", Required = true };
        var to = new Option<string>("--to") { Description = "Period end, YYYY-MM-DD (exclusive, Asia/Shanghai)", Required = true };
        var csv = new Option<bool>("--csv") { Description = "Write CSV (section,key,measure,value columns) instead of tables" };
        var command = new Command("report", "Stampings, outcomes, latencies and uptime for a period") { village, town, from, to, csv };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new GetStatisticsRequest { From = Day(parse.GetValue(from), "--from"), To = Day(parse.GetValue(to), "--to") };
            var v = parse.GetValue(village);
            var t = parse.GetValue(town);
            if ((v is null) == (t is null))
            {
                throw new UsageException("exactly one of --village and --town is required");
            }

            if (v is not null)
            {
                request.VillageId = Checks.Slug(v, "--village");
            }
            else
            {
                request.TownId = Checks.Slug(t, "--town");
            }

            using var cloud = CloudConnection.Connect(parse);
            var response = await cloud.Audit.GetStatisticsAsync(request, cancellationToken: ct);
            if (parse.GetValue(csv))
            {
                Console.Out.Write(ToCsv(response));
            }
            else
            {
                Output.Write(parse, response, () => Tables(response));
            }
        }));
        return command;
    }

    /// <summary>The report as CSV: one row per figure (section, key, measure, value).</summary>
    public static string ToCsv(GetStatisticsResponse r)
    {
        var b = new StringBuilder("section,key,measure,value\n");
        void Row(string section, string key, string measure, string value) =>
            b.Append(Field(section)).Append(',').Append(Field(key)).Append(',').Append(measure).Append(',').Append(value).Append('\n');
        foreach (var (section, rows) in new[] { ("seal_kind", r.BySealKind), ("matter", r.ByMatter), ("custodian", r.ByCustodian) })
        {
            foreach (var c in rows)
            {
                Row(section, c.Key, "stampings", c.Stampings.ToString(CultureInfo.InvariantCulture));
                Row(section, c.Key, "presses", c.Presses.ToString(CultureInfo.InvariantCulture));
            }
        }

        foreach (var o in r.ByOutcome)
        {
            Row("outcome", o.State, "requests", o.Count.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (name, l) in new[] { ("submit_to_approve", r.SubmitToApprove), ("approve_to_stamp", r.ApproveToStamp) })
        {
            Row("latency", name, "count", (l?.Count ?? 0).ToString(CultureInfo.InvariantCulture));
            Row("latency", name, "average_seconds", (l?.AverageSeconds ?? 0).ToString("0.###", CultureInfo.InvariantCulture));
            Row("latency", name, "median_seconds", (l?.MedianSeconds ?? 0).ToString("0.###", CultureInfo.InvariantCulture));
            Row("latency", name, "p90_seconds", (l?.P90Seconds ?? 0).ToString("0.###", CultureInfo.InvariantCulture));
        }

        foreach (var u in r.Uptime)
        {
            Row("uptime", u.DeviceId, "ratio", u.UptimeRatio.ToString("0.####", CultureInfo.InvariantCulture));
        }

        return b.ToString();
    }

    private static Table Tables(GetStatisticsResponse r)
    {
        var table = Output.Table("Section", "Key", "Stampings / count", "Presses / avg s", "Median s", "P90 s");
        foreach (var (section, rows) in new[] { ("seal kind", r.BySealKind), ("matter", r.ByMatter), ("custodian", r.ByCustodian) })
        {
            foreach (var c in rows)
            {
                table.AddRow(section, Markup.Escape(c.Key), N(c.Stampings), N(c.Presses), "", "");
            }
        }

        foreach (var o in r.ByOutcome)
        {
            table.AddRow("outcome", Markup.Escape(o.State), N(o.Count), "", "", "");
        }

        foreach (var (name, l) in new[] { ("submit → approve", r.SubmitToApprove), ("approve → stamp", r.ApproveToStamp) })
        {
            table.AddRow("latency", name, N(l?.Count ?? 0), S(l?.AverageSeconds ?? 0), S(l?.MedianSeconds ?? 0), S(l?.P90Seconds ?? 0));
        }

        foreach (var u in r.Uptime)
        {
            table.AddRow("uptime", Markup.Escape(u.DeviceId), u.UptimeRatio.ToString("P1", CultureInfo.InvariantCulture), "", "", "");
        }

        return table;
    }

    private static Timestamp Day(string? value, string option)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new UsageException($"{option}: '{value}' is not a YYYY-MM-DD date");
        }

        // Days are counted in China Standard Time (UTC+8, no daylight saving).
        return Timestamp.FromDateTimeOffset(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)));
    }

    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string S(double s) => s.ToString("0.#", CultureInfo.InvariantCulture);
}
