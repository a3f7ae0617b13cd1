using System.CommandLine;
using Google.Protobuf;
using Spectre.Console;

namespace SealCabinet.Cloud.Tool.Infrastructure;

/// <summary>Writes results as a table for people or as proto3 JSON for scripts.</summary>
internal static class Output
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static void Write(ParseResult parse, IMessage message, Func<Table> table)
    {
        if (parse.GetValue(GlobalOptions.Json))
        {
            Console.Out.WriteLine(Formatter.Format(message));
        }
        else
        {
            AnsiConsole.Write(table());
        }
    }

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column));
        }

        return table;
    }

    /// <summary>A two-column property table for a single object.</summary>
    public static Table Properties(params (string Name, string Value)[] rows)
    {
        var table = Table("Property", "Value");
        foreach (var (name, value) in rows)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        return table;
    }

    public static string Name<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        return string.Concat(text.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
    }

    public static string Time(Google.Protobuf.WellKnownTypes.Timestamp? time) =>
        time is null ? "" : time.ToDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
