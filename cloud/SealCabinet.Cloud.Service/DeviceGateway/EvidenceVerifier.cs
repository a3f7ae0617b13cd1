using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Evidence;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>Checks a whole stored object against the evidence MAC (HMAC-SHA256 under the device's evidence key) from its signed event.</summary>
internal sealed class EvidenceVerifier(IEvidenceStore store, DeviceKeyCache keys)
{
    public async Task<bool> VerifyAsync(string deviceId, string evidenceId, int size, byte[] evidenceMac, CancellationToken ct)
    {
        var deviceKeys = await keys.GetAsync(deviceId, ct)
            ?? throw new InvalidOperationException($"no keys for cabinet {deviceId}");
        var bytes = await store.ReadAsync(deviceId, evidenceId, size, ct);
        return DeviceKeys.VerifyMac(deviceKeys.EvidenceKey, bytes, evidenceMac);
    }
}
