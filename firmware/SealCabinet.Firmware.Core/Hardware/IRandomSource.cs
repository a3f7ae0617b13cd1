namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>Unpredictable bytes for request nonces and backoff jitter (the ESP32's hardware RNG).</summary>
    public interface IRandomSource
    {
        /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
        /// <param name="buffer">Destination.</param>
        void NextBytes(byte[] buffer);
    }
}
