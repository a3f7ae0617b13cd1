using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace SealCabinet.Cloud.Bench;

/// <summary>
/// The Bench target: starts PostgreSQL and the service, registers the cabinets, signs their events, runs
/// StreamEvents then PushEvents for the configured duration each, then the same rows by bare COPY and by naive
/// EF Core, and prints the figures and the final machine-readable line.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"bench: {e.Message}");
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        var total = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        Console.WriteLine($"bench: machine {Machine()}");
        Console.WriteLine(
            $"bench: {options.Cabinets} cabinets; StreamEvents: batches of {options.StreamBatch}, {options.StreamWorkers} streams; " +
            $"PushEvents: batches of {options.PushBatch}, {options.PushWorkers} HTTP/1.1 senders; at most {options.Duration.TotalSeconds:F0} s per phase");
        await using var service = await BenchService.StartAsync(cts.Token);
        Console.WriteLine($"bench: PostgreSQL {service.PostgresVersion} (fsync on, synchronous_commit on), service up at {service.GrpcAddress} (h2c) and {service.GrpcWebAddress} (HTTP/1.1)");

        var step = Stopwatch.StartNew();
        var cabinets = await CabinetFleet.RegisterAsync(service.Services, options.Cabinets, cts.Token);
        Console.WriteLine($"bench: registered {cabinets.Count} cabinets in {step.Elapsed.TotalSeconds:F1} s");
        step.Restart();
        CabinetFleet.Sign(cabinets, options.EventsPerCabinet, options.StreamBatch, options.PushBatch);
        Console.WriteLine($"bench: firmware core signed {(long)cabinets.Count * options.EventsPerCabinet} events in {step.Elapsed.TotalSeconds:F1} s");

        // The first batch of each cabinet loads its keys and finds its chain head (not yet cached by this replica),
        // as after a service restart; it is reported apart from the steady state.
        var warmUp = await PipelineLoad.StreamAsync("warm-up (1st batch/cabinet)", service.GrpcAddress, cabinets, options.StreamWorkers, options.Duration, _ => 1);
        Console.WriteLine($"bench: {warmUp}");
        var stream = await PipelineLoad.StreamAsync("StreamEvents (h2c)", service.GrpcAddress, cabinets, options.StreamWorkers, options.Duration, c => c.StreamBatches);
        Console.WriteLine($"bench: {stream}");
        var streamedAll = cabinets.All(c => c.Next == c.StreamBatches);
        var push = await PipelineLoad.PushAsync(service.GrpcWebAddress, cabinets, options.PushWorkers, options.Duration);
        Console.WriteLine($"bench: {push}");
        if (streamedAll)
        {
            Console.WriteLine("bench: note: StreamEvents used up its share of signed events before the duration ended; raise --events-per-cabinet for a longer phase");
        }

        var acknowledged = warmUp.Events + stream.Events + push.Events;
        var stored = await StoredEventsAsync(service.ConnectionString);
        Console.WriteLine($"bench: device_events holds {stored} pipeline rows for {acknowledged} acknowledged events{(stored == acknowledged ? "" : " — MISMATCH")}");
        if (stored != acknowledged)
        {
            return 1;
        }

        var rows = cabinets.SelectMany(c => BenchRow.From(c, c.Next)).Take(1_000_000).ToList();
        var copy = await CopyBaseline.RunAsync(service.ConnectionString, rows);
        Console.WriteLine($"bench: {copy}");
        var naive = await NaiveBaseline.RunAsync(service.ConnectionString, cabinets, options.PushWorkers, options.NaiveDuration);
        Console.WriteLine($"bench: {naive}");
        Console.WriteLine($"bench: total run {total.Elapsed.TotalSeconds:F0} s; pipeline = StreamEvents phase");

        var pipeline = stream.EventsPerSecond;
        FormattableString line = $"bench: pipeline={pipeline:F0} copy={copy.EventsPerSecond:F0} naive={naive.EventsPerSecond:F0} ratio_copy={pipeline / copy.EventsPerSecond:F2} ratio_naive={pipeline / naive.EventsPerSecond:F1} p99_ms={stream.P99Ms:F1}";
        Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static async Task<long> StoredEventsAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM device_events WHERE chain_epoch = 1", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static string Machine()
    {
        var cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{cpu}, {Environment.ProcessorCount} cores, {memory:F0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
