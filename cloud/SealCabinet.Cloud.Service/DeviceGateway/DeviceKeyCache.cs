using System.Collections.Concurrent;
using System.Security.Cryptography;
using Npgsql;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>
/// Derived device keys per device, so a batch costs no secret decryption. An entry is only a hint: the
/// pipeline re-reads the secret version and the status under the cabinet's row lock and evicts a stale entry,
/// so a rotation or decommissioning on any replica takes effect on the next batch everywhere.
/// </summary>
internal sealed class DeviceKeyCache(PostgresConnections database, MasterKeyProtector protector, ILogger<DeviceKeyCache> logger)
{
    /// <summary>Past this many entries the cache starts over (it is rebuilt on demand).</summary>
    private const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<string, CachedDeviceKeys> _keys = new(StringComparer.Ordinal);

    /// <summary>The device's keys, or null when no such cabinet exists (or its secret does not open).</summary>
    public async Task<CachedDeviceKeys?> GetAsync(string deviceId, CancellationToken ct)
    {
        if (_keys.TryGetValue(deviceId, out var cached))
        {
            return cached;
        }

        byte[] sealedSecret;
        int version;
        await using (var connection = await database.OpenAsync(ct))
        {
            await using var command = new NpgsqlCommand("SELECT encrypted_secret, secret_version FROM cabinets WHERE device_id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = deviceId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            sealedSecret = reader.GetFieldValue<byte[]>(0);
            version = reader.GetInt32(1);
        }

        byte[] secret;
        try
        {
            secret = protector.Open(deviceId, sealedSecret);
        }
        catch (CryptographicException e)
        {
            logger.LogError(e, "The stored secret of cabinet {DeviceId} does not open under the master key", deviceId);
            return null;
        }

        var keys = new CachedDeviceKeys(
            version,
            DeviceKeys.Derive(secret, DeviceKeys.EventPurpose),
            DeviceKeys.Derive(secret, DeviceKeys.TimePurpose),
            DeviceKeys.Derive(secret, DeviceKeys.EvidencePurpose));
        CryptographicOperations.ZeroMemory(secret);
        if (_keys.Count >= MaxEntries)
        {
            _keys.Clear();
        }

        _keys[deviceId] = keys;
        return keys;
    }

    public void Evict(string deviceId) => _keys.TryRemove(deviceId, out _);
}
