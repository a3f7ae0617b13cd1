using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Persistence;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Bench;

/// <summary>
/// What a first version would do: for every event a DbContext, load the cabinet, check the MAC and the seq,
/// add the row, touch the cabinet, SaveChanges — one transaction and several round trips per event. Same
/// workers as the pipeline, same rows (another chain epoch).
/// </summary>
internal static class NaiveBaseline
{
    private const int Epoch = 102;

    public static async Task<PhaseResult> RunAsync(string connectionString, IReadOnlyList<BenchCabinet> cabinets, int workers, TimeSpan duration)
    {
        var options = new DbContextOptionsBuilder<CloudDbContext>();
        CloudDbContextConfiguration.Configure(options, connectionString);
        var eventKeys = new ConcurrentDictionary<string, byte[]>();
        foreach (var cabinet in cabinets)
        {
            eventKeys[cabinet.DeviceId] = DeviceKeys.Derive(cabinet.Secret, DeviceKeys.EventPurpose);
        }

        var latencies = new LatencyRecorder();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var own = new List<double>();
            long stored = 0;
            var share = cabinets.Where((_, i) => i % workers == w).ToList();
            var cursor = share.ToDictionary(c => c.DeviceId, _ => 0);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var progressed = false;
                foreach (var cabinet in share)
                {
                    var events = cabinet.Batches.SelectMany(b => b.Events).Skip(cursor[cabinet.DeviceId]).Take(1).ToList();
                    if (events.Count == 0 || Stopwatch.GetTimestamp() >= deadline)
                    {
                        continue;
                    }

                    var begin = Stopwatch.GetTimestamp();
                    await StoreOneAsync(options.Options, cabinet.DeviceId, eventKeys[cabinet.DeviceId], events[0]);
                    own.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                    cursor[cabinet.DeviceId]++;
                    stored++;
                    progressed = true;
                }

                if (!progressed)
                {
                    break;
                }
            }

            latencies.Add(own);
            return stored;
        })));
        return new PhaseResult("naive EF SaveChanges/event", counts.Sum(), Stopwatch.GetElapsedTime(started), latencies.Percentile(50), latencies.Percentile(99));
    }

    private static async Task StoreOneAsync(DbContextOptions<CloudDbContext> options, string deviceId, byte[] eventKey, Wire.SignedEvent signed)
    {
        await using var db = new CloudDbContext(options);
        var cabinet = await db.Cabinets.SingleAsync(c => c.DeviceId == deviceId);
        var bytes = signed.Event.ToByteArray();
        if (!DeviceKeys.VerifyMac(eventKey, bytes, signed.Mac.Span))
        {
            throw new InvalidOperationException("bad MAC in the naive path");
        }

        var e = Wire.DeviceEvent.Parser.ParseFrom(bytes);
        var previous = await db.DeviceEvents.Where(d => d.DeviceId == deviceId && d.ChainEpoch == Epoch)
            .OrderByDescending(d => d.Seq).Select(d => d.Seq).FirstOrDefaultAsync();
        if (previous + 1 != (long)e.Seq)
        {
            throw new InvalidOperationException($"naive path out of order: {previous} then {e.Seq}");
        }

        db.DeviceEvents.Add(new DeviceEventRecord
        {
            DeviceId = deviceId,
            ChainEpoch = Epoch,
            Seq = (long)e.Seq,
            EventType = (int)e.Type,
            UptimeMs = (long)e.UptimeMs,
            DeviceTime = e.DeviceTimeMs == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(e.DeviceTimeMs),
            ReceivedAt = DateTimeOffset.UtcNow,
            EventBytes = bytes,
            Mac = signed.Mac.ToByteArray(),
            EventHash = System.Security.Cryptography.SHA256.HashData(bytes),
            Detail = e.Detail,
        });
        cabinet.LastEventAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
    }
}
