using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>What the database holds for a cabinet's ingestion, read directly, plus small helpers for the ingestion tests.</summary>
internal static class IngestionState
{
    public static async Task<List<DeviceEventRecord>> EventsAsync(CloudServiceHost host, string deviceId)
    {
        await using var db = host.CreateDbContext();
        return await db.DeviceEvents.AsNoTracking().Where(e => e.DeviceId == deviceId).OrderBy(e => e.ChainEpoch).ThenBy(e => e.Seq).ToListAsync();
    }

    public static async Task<Persistence.Cabinet> CabinetAsync(CloudServiceHost host, string deviceId)
    {
        await using var db = host.CreateDbContext();
        return await db.Cabinets.AsNoTracking().Include(c => c.Sleeves).SingleAsync(c => c.DeviceId == deviceId);
    }

    public static async Task<List<SecurityEvent>> SecurityEventsAsync(CloudServiceHost host, string deviceId)
    {
        await using var db = host.CreateDbContext();
        return await db.SecurityEvents.AsNoTracking().Where(e => e.DeviceId == deviceId).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>A further cabinet in the village (default sleeve layout), registered by its technician.</summary>
    public static async Task<RegisteredCabinet> RegisterCabinetAsync(CloudServiceHost host, string villageId)
    {
        var technician = host.As($"technician-{villageId}", $"technician@village:{villageId}");
        var registered = await technician.Devices.RegisterCabinetAsync(new RegisterCabinetRequest { VillageId = villageId, Name = "备用印章柜" });
        return new RegisteredCabinet(registered.Cabinet.DeviceId, registered.DeviceSecret.ToByteArray());
    }

    public static async Task<PushAck> PushAsync(CloudClients clients, EventBatch batch) =>
        (await clients.Gateway.PushEventsAsync(new PushEventsRequest { Batch = batch })).Ack;

    /// <summary>The error of a call that must fail.</summary>
    public static async Task<RpcException> FailureAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException e)
        {
            return e;
        }

        throw new AssertionException("the call succeeded; it was expected to fail");
    }
}
