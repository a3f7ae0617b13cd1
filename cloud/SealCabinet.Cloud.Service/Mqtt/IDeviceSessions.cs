namespace SealCabinet.Cloud.Service.Mqtt;

/// <summary>Ends a cabinet's live broker session when its credentials stop being valid.</summary>
internal interface IDeviceSessions
{
    Task DisconnectAsync(string deviceId, CancellationToken ct);
}
