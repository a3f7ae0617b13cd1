namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>A cabinet registered for a test, with the secret the technician got once.</summary>
internal sealed record RegisteredCabinet(string DeviceId, byte[] Secret);
