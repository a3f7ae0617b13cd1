namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// Flat file store on the device's internal flash (LittleFS drive I: on the ESP32). File names are short
    /// ASCII names without directories. Contract for power loss: a write or append interrupted by a power
    /// cut may leave any prefix of the new bytes; nothing already written before it is lost. The core never
    /// relies on atomic replacement (it uses A/B slot files and CRC-framed records instead).
    /// </summary>
    public interface IFlashStore
    {
        /// <summary>Names of all files, in any order.</summary>
        /// <returns>The names.</returns>
        string[] List();

        /// <summary>Length of a file in bytes, or -1 when it does not exist.</summary>
        /// <param name="name">File name.</param>
        /// <returns>The length.</returns>
        int GetLength(string name);

        /// <summary>Reads a whole file.</summary>
        /// <param name="name">File name.</param>
        /// <returns>The bytes, or null when the file does not exist.</returns>
        /// <exception cref="FlashStoreException">Read error.</exception>
        byte[]? ReadAll(string name);

        /// <summary>Creates or replaces a file with the given bytes.</summary>
        /// <param name="name">File name.</param>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <exception cref="FlashStoreException">No space or write error.</exception>
        void WriteAll(string name, byte[] data, int offset, int count);

        /// <summary>Appends bytes to a file, creating it if needed.</summary>
        /// <param name="name">File name.</param>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <exception cref="FlashStoreException">No space or write error.</exception>
        void Append(string name, byte[] data, int offset, int count);

        /// <summary>Deletes a file; no error when it does not exist.</summary>
        /// <param name="name">File name.</param>
        void Delete(string name);

        /// <summary>Free space left on the store in bytes.</summary>
        long FreeBytes { get; }
    }
}
