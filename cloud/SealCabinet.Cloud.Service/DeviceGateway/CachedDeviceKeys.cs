namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>The purpose keys of one device as of one secret version.</summary>
internal sealed record CachedDeviceKeys(int SecretVersion, byte[] EventKey, byte[] TimeKey, byte[] EvidenceKey);
