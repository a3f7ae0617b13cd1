namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>
    /// A battery-backed real-time clock (e.g. a DS3231 on I2C) that keeps the date across power cuts. Its time is not
    /// authenticated: the firmware takes it only when it is not earlier than the last MAC'd server time it saved, and
    /// sets it from every server answer.
    /// </summary>
    public interface IRealTimeClock
    {
        /// <summary>Reads the clock.</summary>
        /// <param name="unixMs">The time, Unix epoch milliseconds.</param>
        /// <returns>False when the clock does not answer or reports it lost its time (battery flat).</returns>
        bool TryRead(out long unixMs);

        /// <summary>Sets the clock.</summary>
        /// <param name="unixMs">The time, Unix epoch milliseconds.</param>
        void Write(long unixMs);
    }
}
