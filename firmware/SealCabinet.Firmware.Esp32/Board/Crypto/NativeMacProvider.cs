using System;
using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Crypto;

namespace SealCabinet.Firmware.Esp32.Board.Crypto
{
    /// <summary>
    /// <see cref="IMacProvider"/> on nanoFramework's native HMAC-SHA256 (Mbed TLS). The native call takes whole
    /// arrays, so a slice is copied first; the results are identical to the core's managed implementation.
    /// </summary>
    public sealed class NativeMacProvider : IMacProvider
    {
        /// <inheritdoc />
        public byte[] ComputeHmacSha256(byte[] key, byte[] data, int offset, int count)
        {
            if (offset == 0 && count == data.Length)
            {
                return HMACSHA256.HashData(key, data);
            }

            byte[] slice = new byte[count];
            Array.Copy(data, offset, slice, 0, count);
            return HMACSHA256.HashData(key, slice);
        }
    }
}
