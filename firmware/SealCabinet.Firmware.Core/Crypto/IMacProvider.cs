namespace SealCabinet.Firmware.Core.Crypto
{
    /// <summary>
    /// HMAC-SHA256 seam: the ESP32 board layer implements it with nanoFramework's native HMACSHA256 (Mbed TLS);
    /// the host and the simulator use <see cref="ManagedMacProvider"/>. Both give identical results.
    /// </summary>
    public interface IMacProvider
    {
        /// <summary>HMAC-SHA256 of <paramref name="count"/> bytes of <paramref name="data"/> under <paramref name="key"/>.</summary>
        /// <param name="key">The key.</param>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <returns>The 32-byte MAC.</returns>
        byte[] ComputeHmacSha256(byte[] key, byte[] data, int offset, int count);
    }
}
