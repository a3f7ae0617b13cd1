using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Crypto;

namespace SealCabinet.Firmware.Host.Crypto;

/// <summary>
/// HMAC-SHA256 from the platform (the ESP32 uses its native Mbed TLS HMAC the same way); the core's tests prove it
/// gives the same bytes as the managed implementation. Thread-safe, which fleets of cabinets need.
/// </summary>
public sealed class SystemMacProvider : IMacProvider
{
    /// <inheritdoc />
    public byte[] ComputeHmacSha256(byte[] key, byte[] data, int offset, int count) =>
        HMACSHA256.HashData(key, data.AsSpan(offset, count));
}
