using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>
/// Authenticates device-facing calls by the MAC under the device's event key. An unknown device and a bad
/// MAC get the same answer so the gateway does not reveal which device ids exist.
/// </summary>
internal sealed class DeviceAuthenticator(CloudDbContext db, MasterKeyProtector protector, TimeProvider clock, ILogger<DeviceAuthenticator> logger)
{
    private const string Refusal = "the device or its MAC is not recognised";

    public async Task<DeviceKeyring> AuthenticateAsync(string deviceId, ReadOnlyMemory<byte> signedBytes, ReadOnlyMemory<byte> mac, CancellationToken ct)
    {
        var cabinet = await db.Cabinets.AsNoTracking()
            .Where(c => c.DeviceId == deviceId)
            .Select(c => new { c.EncryptedSecret, c.Status })
            .SingleOrDefaultAsync(ct);
        if (cabinet is null)
        {
            logger.LogWarning("Device call from unknown device {DeviceId}", Identifiers.Shorten(deviceId));
            throw new CloudException(CloudErrorKind.Unauthenticated, Refusal);
        }

        byte[] secret;
        try
        {
            secret = protector.Open(deviceId, cabinet.EncryptedSecret);
        }
        catch (CryptographicException e)
        {
            logger.LogError(e, "The stored secret of cabinet {DeviceId} does not open under the master key", deviceId);
            throw new CloudException(CloudErrorKind.Unauthenticated, Refusal);
        }

        var keyring = new DeviceKeyring(deviceId, secret);
        CryptographicOperations.ZeroMemory(secret);
        if (!DeviceKeys.VerifyMac(keyring.EventKey, signedBytes.Span, mac.Span))
        {
            logger.LogWarning("Device call from {DeviceId} with a bad MAC", deviceId);

            // Kept for the technician's diagnosis (Cabinet.auth_failures: the cabinet holds another secret).
            db.SecurityEvents.Add(new SecurityEvent
            {
                DeviceId = deviceId,
                Kind = SecurityEventKinds.BadMac,
                Detail = "device call (grant query) with a bad MAC",
                OccurredAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
            throw new CloudException(CloudErrorKind.Unauthenticated, Refusal);
        }

        if (cabinet.Status == CabinetStatus.Decommissioned)
        {
            throw CloudException.Denied($"cabinet '{deviceId}' is decommissioned");
        }

        return keyring;
    }
}
