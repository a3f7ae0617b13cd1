namespace SealCabinet.Cloud.Bench;

/// <summary>Command-line options: <c>--cabinets N --duration S --batch N --workers N --naive-duration S --events-per-cabinet N</c>.</summary>
internal sealed record BenchOptions(int Cabinets, TimeSpan Duration, int BatchEvents, int Workers, TimeSpan NaiveDuration, int EventsPerCabinet)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        var options = new BenchOptions(
            Int(values, "cabinets", 600, 1, 100_000),
            TimeSpan.FromSeconds(Int(values, "duration", 30, 1, 3600)),
            Int(values, "batch", 32, 1, 256),
            Int(values, "workers", 48, 1, 1000),
            TimeSpan.FromSeconds(Int(values, "naive-duration", 10, 1, 3600)),
            Int(values, "events-per-cabinet", 1600, 1, 1_000_000));
        var unknown = values.Keys.Except(["cabinets", "duration", "batch", "workers", "naive-duration", "events-per-cabinet"]).ToList();
        return unknown.Count == 0 ? options : throw new ArgumentException($"unknown option --{unknown[0]}");
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"--{name} must be an integer {min}..{max}, was '{text}'");
    }
}
