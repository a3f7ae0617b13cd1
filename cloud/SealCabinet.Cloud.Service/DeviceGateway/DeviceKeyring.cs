using SealCabinet.Cloud.Service.Crypto;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>The purpose keys of one authenticated device, for answering it.</summary>
internal sealed class DeviceKeyring(string deviceId, byte[] secret)
{
    public string DeviceId { get; } = deviceId;

    public byte[] EventKey { get; } = DeviceKeys.Derive(secret, DeviceKeys.EventPurpose);

    public byte[] TimeKey { get; } = DeviceKeys.Derive(secret, DeviceKeys.TimePurpose);

    public byte[] RosterKey { get; } = DeviceKeys.Derive(secret, DeviceKeys.RosterPurpose);

    public byte[] WithdrawalKey { get; } = DeviceKeys.Derive(secret, DeviceKeys.WithdrawalPurpose);
}
