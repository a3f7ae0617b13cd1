using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using SealCabinet.Cloud.Service.Devices;
using SealCabinet.Cloud.Service.Organization;
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
        var cabinets = new List<BenchCabinet>(count);
        using var scope = services.CreateScope();
        var organization = scope.ServiceProvider.GetRequiredService<OrganizationService>();
        for (var i = 0; i < count; i++)
        {
            var town = $"bench-town-{i / VillagesPerTown:D3}";
            if (i % VillagesPerTown == 0)
            {
                await organization.CreateTownAsync(town, $"镇 {i / VillagesPerTown}", ct);
            }

            var village = $"bench-village-{i:D5}";
            await organization.CreateVillageAsync(village, town, $"村 {i}", [], ct);
            using var deviceScope = services.CreateScope();
            var registration = await deviceScope.ServiceProvider.GetRequiredService<DeviceService>()
                .RegisterAsync(village, $"便民服务中心 {i}", null, [], ct);
            cabinets.Add(new BenchCabinet(registration.Cabinet.DeviceId, registration.DeviceSecret));
        }

        return cabinets;
    }

    /// <summary>Signs <paramref name="eventsPerCabinet"/> events per cabinet (a boot, then heartbeats) into batches of <paramref name="batchEvents"/>.</summary>
    public static void Sign(IReadOnlyList<BenchCabinet> cabinets, int eventsPerCabinet, int batchEvents)
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
                if (batch.Events.Count == batchEvents)
                {
                    cabinet.Batches.Add(batch);
                    batch = new Wire.EventBatch { DeviceId = cabinet.DeviceId };
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
