using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Devices;

/// <summary>A newly registered cabinet and its device secret, which is never available again.</summary>
internal sealed record CabinetRegistration(Cabinet Cabinet, byte[] DeviceSecret);
