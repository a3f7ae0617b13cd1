namespace SealCabinet.Cloud.Service.Devices;

/// <summary>Ends a cabinet's live broker session when its credentials stop being valid.</summary>
internal interface IDeviceSessions
{
    Task DisconnectAsync(string deviceId, CancellationToken ct);
}
