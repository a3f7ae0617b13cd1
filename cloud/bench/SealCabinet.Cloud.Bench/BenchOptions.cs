namespace SealCabinet.Cloud.Bench;

/// <summary>
/// Command-line options (all optional): <c>--cabinets 600 --duration 20 --events-per-cabinet 4096
/// --stream-batch 256 --stream-workers 16 --push-batch 32 --push-workers 48 --naive-duration 10</c>.
/// </summary>
internal sealed record BenchOptions(
    int Cabinets, TimeSpan Duration, int EventsPerCabinet, int StreamBatch, int StreamWorkers, int PushBatch, int PushWorkers, TimeSpan NaiveDuration)
{
    public const string Usage =
        "usage: SealCabinet.Cloud.Bench [--cabinets 600] [--duration 20] [--events-per-cabinet 4096] [--stream-batch 256] [--stream-workers 16] [--push-batch 32] [--push-workers 48] [--naive-duration 10]";

    private static readonly string[] Names = ["cabinets", "duration", "events-per-cabinet", "stream-batch", "stream-workers", "push-batch", "push-workers", "naive-duration"];

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            }

            var name = args[i][2..];
            if (!Names.Contains(name))
            {
                throw new ArgumentException($"unknown option --{name}");
            }

            values[name] = args[++i];
        }

        return new BenchOptions(
            Int(values, "cabinets", 600, 1, 100_000),
            TimeSpan.FromSeconds(Int(values, "duration", 20, 1, 3600)),
            Int(values, "events-per-cabinet", 4096, 2, 1_000_000),
            Int(values, "stream-batch", 256, 1, 256),
            Int(values, "stream-workers", 16, 1, 1000),
            Int(values, "push-batch", 32, 1, 256),
            Int(values, "push-workers", 48, 1, 1000),
            TimeSpan.FromSeconds(Int(values, "naive-duration", 10, 1, 3600)));
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
