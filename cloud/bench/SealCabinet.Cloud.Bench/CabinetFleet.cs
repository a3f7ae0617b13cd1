using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Devices;
using SealCabinet.Cloud.Service.Organization;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Firmware.Core.Events;
using Core = SealCabinet.Firmware.Core.Messages;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Bench;

/// <summary>
/// One district: towns of 30 villages, one cabinet per village, registered through the service's own registry;
/// then every cabinet's events signed by the firmware core's <see cref="EventSigner"/> before any load runs
/// (so signing costs the measured machine nothing during the measurement).
/// </summary>
internal static class CabinetFleet
{
    private const int VillagesPerTown = 30;

    public static async Task<List<BenchCabinet>> RegisterAsync(IServiceProvider services, int count, CancellationToken ct)
    {
        using (var scope = services.CreateScope())
        {
            var organization = scope.ServiceProvider.GetRequiredService<OrganizationService>();
            for (var town = 0; town * VillagesPerTown < count; town++)
            {
                await organization.CreateTownAsync(Town(town), $"镇 {town}", ct);
            }
        }

        var cabinets = new BenchCabinet[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            using var scope = services.CreateScope();
            // The registry records who registered each cabinet (in the audit ledger): the bench acts as a technician.
            scope.ServiceProvider.GetRequiredService<CallerAccessor>().Caller = Technician;
            var village = $"bench-village-{i:D5}";
            await scope.ServiceProvider.GetRequiredService<OrganizationService>().CreateVillageAsync(village, Town(i / VillagesPerTown), $"村 {i}", [], token);
            var registration = await scope.ServiceProvider.GetRequiredService<DeviceService>().RegisterAsync(village, $"便民服务中心 {i}", null, [], token);
            cabinets[i] = new BenchCabinet(registration.Cabinet.DeviceId, registration.DeviceSecret);
        });
        return [.. cabinets];
    }

    private static Caller Technician { get; } = new("bench-technician", [new RoleClaim(PersonRole.Technician, null, ScopeLevel.Global, null)]);

    private static string Town(int index) => $"bench-town-{index:D3}";

    /// <summary>
    /// Signs <paramref name="eventsPerCabinet"/> events per cabinet (a boot, then heartbeats): the first half in
    /// batches of <paramref name="streamBatch"/> for StreamEvents, the second in batches of <paramref name="pushBatch"/> for PushEvents.
    /// </summary>
    public static void Sign(IReadOnlyList<BenchCabinet> cabinets, int eventsPerCabinet, int streamBatch, int pushBatch)
    {
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Parallel.ForEach(cabinets, cabinet =>
        {
            var signer = EventSigner.ForNewChain(cabinet.DeviceId, cabinet.Secret, 1);
            var batch = new Wire.EventBatch { DeviceId = cabinet.DeviceId };
            for (var i = 0; i < eventsPerCabinet; i++)
            {
                var record = signer.SignNext(new Core.DeviceEvent
                {
                    Type = i == 0 ? Core.EventType.Boot : Core.EventType.Heartbeat,
                    DeviceTimeMs = start + (i * 60_000L),
                    UptimeMs = (ulong)(i * 60_000L) + 1_000,
                    BootCount = 1,
                    FreeHeapBytes = 81_920 - (uint)(i % 97),
                    Detail = i == 0 ? "firmware 1.0.0, reset: power-on" : $"heap ok, journal {i % 4096}/4096",
                });
                batch.Events.Add(Wire.SignedEvent.Parser.ParseFrom(record.SignedEventBytes));
                var streaming = i < eventsPerCabinet / 2;
                if (batch.Events.Count == (streaming ? streamBatch : pushBatch) || i + 1 == eventsPerCabinet / 2)
                {
                    cabinet.Batches.Add(batch);
                    batch = new Wire.EventBatch { DeviceId = cabinet.DeviceId };
                    if (streaming)
                    {
                        cabinet.StreamBatches = cabinet.Batches.Count;
                    }
                }
            }

            if (batch.Events.Count > 0)
            {
                cabinet.Batches.Add(batch);
            }
        });
    }

    /// <summary>Gives the batch a fresh 16-byte nonce, as the device does for every send.</summary>
    public static Wire.EventBatch WithNonce(Wire.EventBatch batch)
    {
        batch.Nonce = ByteString.CopyFrom(Guid.NewGuid().ToByteArray());
        return batch;
    }
}
