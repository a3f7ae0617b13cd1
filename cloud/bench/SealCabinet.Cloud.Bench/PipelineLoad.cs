using System.Diagnostics;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Bench;

/// <summary>
/// Drives the service with the cabinets' pre-signed batches: workers each own a share of the cabinets and send
/// one batch per cabinet at a time (as a cabinet does: the next batch only after the ack), either all on one
/// StreamEvents call per worker (HTTP/2) or as unary PushEvents over gRPC-Web (HTTP/1.1, the ESP32's path).
/// Durable events are counted from the acks; latency is send → ack.
/// </summary>
internal static class PipelineLoad
{
    public static async Task<PhaseResult> StreamAsync(
        string name, string address, IReadOnlyList<BenchCabinet> cabinets, int workers, TimeSpan duration, Func<BenchCabinet, int> batchLimit)
    {
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        var client = new Wire.DeviceGateway.DeviceGatewayClient(channel);
        return await RunAsync(name, cabinets, workers, duration, async (share, deadline, latencies) =>
        {
            using var call = client.StreamEvents();
            long events = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var sent = 0;
                foreach (var cabinet in share.Where(c => c.Next < batchLimit(c)))
                {
                    if (Stopwatch.GetTimestamp() >= deadline)
                    {
                        break;
                    }

                    var batch = CabinetFleet.WithNonce(cabinet.Batches[cabinet.Next]);
                    var started = Stopwatch.GetTimestamp();
                    await call.RequestStream.WriteAsync(new Wire.StreamEventsRequest { Batch = batch });
                    if (!await call.ResponseStream.MoveNext(CancellationToken.None))
                    {
                        throw new InvalidOperationException("the stream ended early");
                    }

                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    events += Acknowledge(cabinet, call.ResponseStream.Current.Ack);
                    sent++;
                }

                if (sent == 0)
                {
                    break;
                }
            }

            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                throw new InvalidOperationException("an ack without a batch");
            }

            return events;
        });
    }

    public static async Task<PhaseResult> PushAsync(string grpcWebAddress, IReadOnlyList<BenchCabinet> cabinets, int workers, TimeSpan duration)
    {
        using var channel = GrpcChannel.ForAddress(grpcWebAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new SocketsHttpHandler { MaxConnectionsPerServer = workers }),
            HttpVersion = new Version(1, 1),
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var client = new Wire.DeviceGateway.DeviceGatewayClient(channel);
        return await RunAsync("PushEvents (gRPC-Web, HTTP/1.1)", cabinets, workers, duration, async (share, deadline, latencies) =>
        {
            long events = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var sent = 0;
                foreach (var cabinet in share.Where(c => c.Next < c.Batches.Count))
                {
                    if (Stopwatch.GetTimestamp() >= deadline)
                    {
                        break;
                    }

                    // A cabinet whose stream share was not used up continues its chain here.
                    var batch = CabinetFleet.WithNonce(cabinet.Batches[cabinet.Next]);
                    var started = Stopwatch.GetTimestamp();
                    var response = await client.PushEventsAsync(new Wire.PushEventsRequest { Batch = batch });
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    events += Acknowledge(cabinet, response.Ack);
                    sent++;
                }

                if (sent == 0)
                {
                    break;
                }
            }

            return events;
        });
    }

    private static async Task<PhaseResult> RunAsync(
        string name, IReadOnlyList<BenchCabinet> cabinets, int workers, TimeSpan duration,
        Func<List<BenchCabinet>, long, List<double>, Task<long>> worker)
    {
        var latencies = new LatencyRecorder();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var share = cabinets.Where((_, i) => i % workers == w).ToList();
            var own = new List<double>();
            var events = await worker(share, deadline, own);
            latencies.Add(own);
            return events;
        })).ToList();
        var total = (await Task.WhenAll(tasks)).Sum();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new PhaseResult(name, total, elapsed, latencies.Percentile(50), latencies.Percentile(99));
    }

    /// <summary>Checks the ack covers the batch and returns how many events it newly made durable.</summary>
    private static long Acknowledge(BenchCabinet cabinet, Wire.PushAck ack)
    {
        var batch = cabinet.Batches[cabinet.Next];
        var expected = cabinet.Acked + (ulong)batch.Events.Count;
        if (ack.Rejection != Wire.RejectionReason.Unspecified || ack.AckedSeq != expected)
        {
            throw new InvalidOperationException($"{cabinet.DeviceId}: ack {ack.AckedSeq} ({ack.Rejection}), expected {expected}");
        }

        var fresh = (long)(ack.AckedSeq - cabinet.Acked);
        cabinet.Acked = ack.AckedSeq;
        cabinet.Next++;
        return fresh;
    }
}
